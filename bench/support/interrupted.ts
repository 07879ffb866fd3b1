import IORedis from 'ioredis';

const cleanups: (() => Promise<unknown>)[] = [];
let installed = false;

/**
 * What a bench made on the shared servers (its scratch database, its BullMQ prefix) is removed also
 * when the bench is stopped with Ctrl-C or a timeout's SIGTERM, not only when it ends by itself: a
 * killed launch-round once left 391,667 keys (370 MB) on the machine's Redis.
 */
export function cleanUpIfInterrupted(cleanup: () => Promise<unknown>): void {
  cleanups.push(cleanup);
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: removing what this bench made on the shared servers…\n`);
      void (async () => {
        // in the order registered: the queue keys first, the database last (dropping it fails the bench's own work)
        for (const c of cleanups) await c().catch(() => undefined);
        process.exit(signal === 'SIGINT' ? 130 : 143);
      })();
    });
  }
}

/** Deletes every key of a BullMQ prefix pattern (e.g. `zqbench-launch-123-*`) without blocking Redis. */
export async function deleteKeys(redisUrl: string, pattern: string): Promise<number> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
