import fc from 'fast-check';
import { SlidingWindowThrottlerStorage } from './throttler-storage';

const MINUTE = 60_000;

describe('SlidingWindowThrottlerStorage', () => {
  let now = 0;
  const storage = () => new SlidingWindowThrottlerStorage(() => now);
  beforeEach(() => (now = 1_000_000));

  it('lets the limit through, blocks the request past it for the block duration, then starts again', async () => {
    const s = storage();
    const hit = () => s.increment('10.0.0.1', MINUTE, 3, MINUTE, 'default');
    for (let i = 1; i <= 3; i++) expect(await hit()).toMatchObject({ totalHits: i, isBlocked: false });
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    now += 30_000;
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    now += 30_001;
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
    // another address, another count
    expect(await s.increment('10.0.0.2', MINUTE, 3, MINUTE, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('slides: hits leave the window a minute after they were counted', async () => {
    const s = storage();
    const hit = () => s.increment('k', MINUTE, 3, MINUTE, 'default');
    await hit();
    await hit();
    now += 30_000;
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: false, timeToExpire: 30 });
    now += 31_000; // the first two have left
    expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: false });
  });

  it('counts exactly the hits of the last 60 one-second slots (property, against a list of hit times)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 200 }), async (gaps) => {
        const start = 1_000_000;
        now = start;
        const s = storage();
        const times: number[] = [];
        for (const gap of gaps) {
          now += gap * 37; // up to ~3 minutes between hits
          times.push(now);
          const slot = (t: number) => Math.floor((t - times[0]) / 1000); // slots are counted from the key's first hit
          const expected = times.filter((t) => slot(now) - slot(t) < 60).length;
          const r = await s.increment('k', MINUTE, 1_000_000, 0, 'default');
          expect(r.totalHits).toBe(expected);
          expect(r.isBlocked).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('without a block duration refuses past the limit and counts nothing while refusing', async () => {
    const s = storage();
    const hit = () => s.increment('k', MINUTE, 2, 0, 'default');
    await hit();
    await hit();
    expect(await hit()).toMatchObject({ isBlocked: true, totalHits: 3 });
    expect(await hit()).toMatchObject({ isBlocked: true, totalHits: 3 });
    now += 60_000;
    expect(await hit()).toMatchObject({ isBlocked: false, totalHits: 1 });
  });
});
