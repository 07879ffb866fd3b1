import { JobOutcome, KeyedBatcher } from './keyed-batcher';

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('KeyedBatcher', () => {
  it('runs a lone job at once, and jobs arriving meanwhile together in the next run', async () => {
    const runs: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new KeyedBatcher<number, number>({
      maxBatch: 10,
      maxConcurrent: 1,
      run: async (_key, jobs) => {
        runs.push(jobs);
        if (runs.length === 1) await gate;
        return jobs.map((j): JobOutcome<number> => ({ status: 'done', value: j * 2 }));
      },
    });
    const first = batcher.submit('round', 1);
    await settle();
    const rest = [2, 3, 4].map((n) => batcher.submit('round', n));
    release();
    expect(await Promise.all([first, ...rest])).toEqual([2, 4, 6, 8]);
    expect(runs).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps keys apart and caps the batch size', async () => {
    const runs: string[] = [];
    const batcher = new KeyedBatcher<number, number>({
      maxBatch: 2,
      maxConcurrent: 1,
      run: async (key, jobs) => {
        runs.push(`${key}:${jobs.join(',')}`);
        await settle();
        return jobs.map((j) => ({ status: 'done', value: j }));
      },
    });
    await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.submit('a', n)).concat(batcher.submit('b', 9)));
    expect(runs).toEqual(['a:1', 'b:9', 'a:2,3', 'a:4,5']);
  });

  it('fails only the job whose outcome failed, and runs deferred jobs later', async () => {
    let calls = 0;
    const batcher = new KeyedBatcher<string, string>({
      maxBatch: 10,
      maxConcurrent: 1,
      run: async (_key, jobs) =>
        jobs.map((j): JobOutcome<string> => (j === 'bad' ? { status: 'failed', error: new Error('REPLY_EMPTY') } : j === 'twice' && calls++ === 0 ? { status: 'later' } : { status: 'done', value: j })),
    });
    const results = await Promise.allSettled(['ok', 'bad', 'twice'].map((j) => batcher.submit('k', j)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('retries each job alone when a whole run throws', async () => {
    const runs: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new KeyedBatcher<string, string>({
      maxBatch: 10,
      maxConcurrent: 1,
      run: async (_key, jobs) => {
        runs.push(jobs);
        if (runs.length === 1) await gate;
        if (jobs.includes('poison')) throw new Error('connection lost');
        return jobs.map((j) => ({ status: 'done', value: j }));
      },
    });
    const first = batcher.submit('k', 'first');
    await settle();
    const batch = ['a', 'poison', 'b'].map((j) => batcher.submit('k', j));
    release();
    const results = await Promise.allSettled([first, ...batch]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(runs).toEqual([['first'], ['a', 'poison', 'b'], ['a'], ['poison'], ['b']]);
  });
});
