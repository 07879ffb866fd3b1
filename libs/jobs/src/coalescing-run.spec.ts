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

  it('with a spacing, one later pass takes every call made while a pass ran or waited', async () => {
    const starts: number[] = [];
    let release!: () => void;
    const run = new CoalescingRun(async () => {
      starts.push(Date.now());
      if (starts.length === 1) await new Promise<void>((r) => (release = r));
      return starts.length;
    }, () => undefined, 40);
    void run.kick();
    void run.kick(); // during the first pass: asks for one more
    release();
    await new Promise((r) => setTimeout(r, 10));
    expect(starts).toHaveLength(1); // the follow-up waits out the spacing…
    void run.kick();
    void run.kick(); // …and calls made while it waits are taken by it, not by a third pass
    await run.idle();
    expect(starts).toHaveLength(2);
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(35);
    const soon = Date.now();
    expect(await run.kick()).toBe(3); // a call right after a pass waits the spacing too…
    expect(Date.now() - soon).toBeGreaterThanOrEqual(35);
    await new Promise((r) => setTimeout(r, 50));
    const quiet = Date.now();
    expect(await run.kick()).toBe(4); // …but after a quiet spell a call starts a pass at once
    expect(Date.now() - quiet).toBeLessThan(30);
  });
});
