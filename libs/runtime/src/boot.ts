import { APP_CONFIG, AppConfig, ConfigError, JWT_SECRET, loadConfig, startEmbeddedDatabase, StartupError } from '@zq/persistence';
import { createQueueConnection, probeRedis, QueueConnection } from '@zq/jobs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { inspect } from 'node:util';

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
export async function jwtSecretFor(config: Pick<AppConfig, 'jwtSecret' | 'dataDir'>): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  const file = join(config.dataDir, 'jwt-secret');
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing?.trim()) return existing.trim();
  const secret = randomBytes(48).toString('base64url');
  await mkdir(config.dataDir, { recursive: true });
  try {
    // exclusive: an api and a worker starting together on one DATA_DIR keep the same secret
    await writeFile(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    for (let i = 0; i < 50; i++) {
      const written = (await readFile(file, 'utf8')).trim();
      if (written) return written;
      await new Promise((r) => setTimeout(r, 20)); // the other process is between open and write
    }
    // still empty: a start cut off between creating and writing it; it never held a secret
    await writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}

export async function prepareRuntime(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = () => undefined): Promise<Runtime> {
  const config = loadConfig(env);
  // an unreachable Redis is said within seconds; without this check BullMQ waits for it in silence
  if (config.redisUrl) await probeRedis(config.redisUrl);
  let databaseUrl = config.databaseUrl;
  let stopExternal: () => Promise<void> = async () => undefined;
  if (!databaseUrl) {
    const embedded = await startEmbeddedDatabase(config.dataDir, log);
    databaseUrl = embedded.url;
    stopExternal = embedded.stop;
  }
  try {
    const queueConnection = createQueueConnection({ redisUrl: config.redisUrl, databaseUrl, prefix: config.queuePrefix });
    return { config, databaseUrl, queueConnection, jwtSecret: await jwtSecretFor(config), stopExternal };
  } catch (err) {
    await stopExternal().catch(() => undefined);
    throw err;
  }
}

/**
 * What a process that cannot start prints, and its exit code: a configuration error names the
 * variable (78, EX_CONFIG); a StartupError says why in Chinese (PostgreSQL's or Redis's reason);
 * anything else its stack — never a bare `undefined`.
 */
export function startupFailure(err: unknown, portVariable = 'PORT'): { text: string; exitCode: number } {
  if (err instanceof ConfigError) return { text: err.message, exitCode: 78 };
  const e = err as { code?: string; syscall?: string; port?: number } | undefined;
  if (e?.syscall === 'listen' && e.code === 'EADDRINUSE') {
    return { text: `启动失败：端口 ${e.port} 已被占用（${portVariable}）：另一个程序（也许是另一个 npm start）正在监听它。停止它，或用 ${portVariable}=… 换一个端口。`, exitCode: 1 };
  }
  if (e?.syscall === 'listen' && e.code === 'EACCES') {
    return { text: `启动失败：没有权限监听端口 ${e.port}（${portVariable}）：1024 以下的端口需要特权，换一个端口。`, exitCode: 1 };
  }
  if (err instanceof StartupError) return { text: `启动失败：${err.message}`, exitCode: 1 };
  if (err instanceof Error) return { text: `启动失败：${err.stack ?? err.message}`, exitCode: 1 };
  const said = err === undefined || err === null || err === '' ? '' : typeof err === 'string' ? err : inspect(err, { depth: 3 });
  return { text: `启动失败：${said || '未知原因（没有错误信息）'}`, exitCode: 1 };
}

export const runtimeProviders = (runtime: Runtime) => [
  { provide: APP_CONFIG, useValue: runtime.config },
  { provide: JWT_SECRET, useValue: runtime.jwtSecret },
];
