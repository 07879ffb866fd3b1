import { CoalescingRun } from './coalescing-run';

describe('CoalescingRun', () => {
  it('runs one pass at a time and one more pass for calls that arrived meanwhile', async () => {
    let passes = 0;
    let release!: () => void;
    const run = new CoalescingRun(async () => {
      passes++;
      if (passes === 1) await new Promise<void>((r) => (release = r));
      return passes;
    }, () => undefined);
    const first = run.kick();
    void run.kick();
    void run.kick(); // three calls during the first pass…
    release();
    expect(await first).toBe(1);
    await new Promise((r) => setImmediate(r));
    await run.idle();
    expect(passes).toBe(2); // …make exactly one more pass, not three
  });

  it('reports a failure and resolves to 0, so the next call retries', async () => {
    const errors: string[] = [];
    let fail = true;
    const run = new CoalescingRun(async () => {
      if (fail) throw new Error('backend down');
      return 5;
    }, (err) => errors.push(err.message));
    expect(await run.kick()).toBe(0);
    fail = false;
    expect(await run.kick()).toBe(5);
    expect(errors).toEqual(['backend down']);
  });
});
