/**
 * What the test run found on this machine (decided once by test/support/global-setup.ts, passed to
 * every test file through the environment). A fresh machine with only Node runs everything it can:
 * an embedded PostgreSQL when none is reachable, BullMQ on PostgreSQL when Redis is not, and the
 * browser suite only with a Chromium. CI (CI=true) never skips: global-setup fails instead.
 */
export const missing = {
  /** why the Redis-only cases do not run (undefined: Redis is there) */
  redis: process.env.ZQ_TEST_NO_REDIS || undefined,
  /** why the browser suites do not run (undefined: Chromium is there) */
  browser: process.env.ZQ_TEST_NO_BROWSER || undefined,
};

/** `it` for a case that only holds on the Redis backend (e.g. Redis flushed under the app). */
export const itOnRedis: jest.It = missing.redis ? it.skip : it;
/** `describe` for a suite that only holds on the Redis backend. */
export const describeOnRedis: jest.Describe = missing.redis ? describe.skip : describe;
/** `describe` for a suite that drives Chromium. */
export const describeInBrowser: jest.Describe = missing.browser ? describe.skip : describe;
