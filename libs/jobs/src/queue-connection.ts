import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
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
