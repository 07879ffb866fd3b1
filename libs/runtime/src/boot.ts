import { APP_CONFIG, AppConfig, JWT_SECRET, loadConfig, startEmbeddedDatabase } from '@zq/persistence';
import { createQueueConnection, QueueConnection } from '@zq/jobs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** Everything decided before Nest starts: config, where the database is, how queues connect. */
export interface Runtime {
  config: AppConfig;
  databaseUrl: string;
  queueConnection: QueueConnection;
  jwtSecret: string;
  /** stops what boot started outside Nest (the embedded database) */
  stopExternal(): Promise<void>;
}

/** JWT_SECRET, or one generated on first start and kept in DATA_DIR (not for production). */
async function jwtSecretFor(config: AppConfig): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  const file = join(config.dataDir, 'jwt-secret');
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing?.trim()) return existing.trim();
  const secret = randomBytes(48).toString('base64url');
  await mkdir(config.dataDir, { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

export async function prepareRuntime(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = () => undefined): Promise<Runtime> {
  const config = loadConfig(env);
  let databaseUrl = config.databaseUrl;
  let stopExternal: () => Promise<void> = async () => undefined;
  if (!databaseUrl) {
    const embedded = await startEmbeddedDatabase(config.dataDir, log);
    databaseUrl = embedded.url;
    stopExternal = embedded.stop;
  }
  const queueConnection = createQueueConnection({ redisUrl: config.redisUrl, databaseUrl, prefix: config.queuePrefix });
  return { config, databaseUrl, queueConnection, jwtSecret: await jwtSecretFor(config), stopExternal };
}

export const runtimeProviders = (runtime: Runtime) => [
  { provide: APP_CONFIG, useValue: runtime.config },
  { provide: JWT_SECRET, useValue: runtime.jwtSecret },
];
