/**
 * At most `limit` tasks per key at once in this process; the rest wait in a FIFO. Seals of one round
 * append to one chain one at a time anyway: letting dozens wait inside PostgreSQL on the chain lock
 * only holds pool connections and floods the event loop the lock holder needs.
 */
export class KeyedGate {
  private readonly lanes = new Map<string, { active: number; waiting: (() => void)[] }>();

  constructor(private readonly limit: number) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { active: 0, waiting: [] }));
    if (lane.active >= this.limit) await new Promise<void>((resolve) => lane!.waiting.push(resolve));
    else lane.active++;
    try {
      return await task();
    } finally {
      const next = lane.waiting.shift();
      if (next) next(); // the slot passes straight to the next waiter
      else if (--lane.active === 0) this.lanes.delete(key);
    }
  }
}
