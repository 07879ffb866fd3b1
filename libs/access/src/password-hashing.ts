import * as argon2 from 'argon2';

/**
 * Password hashing is made to be expensive: argon2id with 64 MB and four lanes, i.e. four threads of
 * CPU for tens of milliseconds per call. A burst of sign-ins (a clumsy script, an attacker, a whole
 * office at 9:00) ran them all at once and took every core from the event loop, so every other request
 * (and /health) stalled behind them. One hash at a time per process: sign-ins queue behind each other,
 * the rest of the API keeps its CPU. Unknown names and wrong passwords go through the same queue, so
 * the timing stays equal.
 */
let tail: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = tail.then(work, work);
  tail = run.catch(() => undefined);
  return run;
}

export const hashPassword = (password: string): Promise<string> => oneAtATime(() => argon2.hash(password));

/** False for a wrong password and for a hash argon2 cannot read. */
export const verifyPassword = (hash: string, password: string): Promise<boolean> => oneAtATime(() => argon2.verify(hash, password).catch(() => false));
