import { startTestApp, TestApp } from '../support/test-app';

/** The per-address request limit (THROTTLE_PER_MINUTE), counted by SlidingWindowThrottlerStorage. */
describe('request throttling (real app)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('throttling', { workers: false, env: { THROTTLE_PER_MINUTE: '10' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers the requests within the limit, then 429 TOO_MANY_REQUESTS with when to retry', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await t.http().get('/api/v1/health')).status);
    expect(statuses).toEqual(Array(10).fill(200));
    const refused = await t.http().get('/api/v1/health');
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});
