import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { redactedUrl, StartupError } from '@zq/persistence';
import IORedis from 'ioredis';

/** How BullMQ reaches its backend: Redis when REDIS_URL is set, else PostgreSQL (embedded default). */
export interface QueueConnection {
  backend: 'redis' | 'postgres';
  /** options for new Queue(...) / new Worker(...) */
  options(): Record<string, unknown>;
  /** a Redis client of its own for housekeeping (the queue-loss marker); null on the PostgreSQL backend */
  housekeepingClient(): IORedis | null;
  /** the key prefix queues use */
  prefix: string;
  close(): Promise<void>;
}

export function createQueueConnection(args: { redisUrl?: string; databaseUrl: string; prefix: string }): QueueConnection {
  if (args.redisUrl) {
    const clients: IORedis[] = [];
    return {
      backend: 'redis',
      prefix: args.prefix,
      housekeepingClient: () => {
        const client = new IORedis(args.redisUrl!, { maxRetriesPerRequest: 1, enableReadyCheck: true, enableOfflineQueue: false });
        client.on('error', () => undefined); // reconnects on its own; the watcher notices and reconciles
        clients.push(client);
        return client;
      },
      options: () => {
        // Workers block on their connection, so each Queue/Worker gets its own.
        const client = new IORedis(args.redisUrl!, { maxRetriesPerRequest: null, enableReadyCheck: true });
        // ioredis reconnects by itself; without a listener every failed reconnect prints a stack trace
        client.on('error', () => undefined);
        clients.push(client);
        return { connection: client, prefix: args.prefix };
      },
      close: async () => {
        await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
      },
    };
  }
  setDefaultBackendFactory(createPostgresBackend as never);
  // The PostgreSQL backend namespaces by schema; the prefix names it.
  const schema = `bullmq_${args.prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
  return {
    backend: 'postgres',
    prefix: args.prefix,
    housekeepingClient: () => null,
    options: () => ({ connection: { connectionString: args.databaseUrl, migrate: true, schema, max: 5 } }),
    close: async () => undefined,
  };
}

const REDIS_REASONS: Record<string, string> = {
  ECONNREFUSED: '连接被拒绝（该地址上没有 Redis 在监听）',
  ENOTFOUND: '主机名无法解析',
  EAI_AGAIN: '主机名暂时无法解析',
  EHOSTUNREACH: '主机不可达',
  ENETUNREACH: '网络不可达',
  ECONNRESET: '连接被对方重置（端口上可能不是 Redis，或需要 TLS：rediss://）',
  ETIMEDOUT: '连接超时',
};

/**
 * Connects once to REDIS_URL and PINGs, within timeoutMs, or throws a StartupError saying why in
 * Chinese. BullMQ's own connections retry for ever, so without this an unreachable Redis hangs the
 * start in silence.
 */
export async function probeRedis(redisUrl: string, timeoutMs = 5000): Promise<void> {
  const client = new IORedis(redisUrl, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let last: (Error & { code?: string }) | undefined;
  client.on('error', (e) => (last = e));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        await client.ping();
      })(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), timeoutMs))),
    ]);
  } catch (err) {
    const e = (last ?? err) as Error & { code?: string };
    const code = e.code ?? (/ETIMEDOUT|timeout/i.test(e.message) ? 'ETIMEDOUT' : undefined);
    const auth = /NOAUTH|WRONGPASS|invalid password|invalid username-password/i.test(`${e.message} ${(err as Error)?.message}`);
    const protocol = /Protocol error/i.test(e.message);
    const reason = auth ? '用户名或密码不对（NOAUTH/WRONGPASS）' : protocol ? '该地址上的服务不是 Redis（应答不是 Redis 协议）' : code && REDIS_REASONS[code] ? `${REDIS_REASONS[code]}${code === 'ETIMEDOUT' ? `，${timeoutMs / 1000} 秒内没有应答` : ''}（${code}）` : e.message || String(err);
    throw new StartupError(`无法连接 Redis ${redactedUrl(redisUrl)}：${reason}。请确认 Redis 已启动、REDIS_URL 正确；不设 REDIS_URL 时队列改用 PostgreSQL。`);
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
