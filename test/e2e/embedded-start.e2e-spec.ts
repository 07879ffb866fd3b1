import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

const root = join(__dirname, '..', '..');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** What `npm start` runs, on the embedded default: no DATABASE_URL, REDIS_URL or SMTP_URL. */
describe('npm start on the embedded default', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(() => {
    execFileSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  });

  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string> = {}) => {
    dataDir = await mkdtemp(join(tmpdir(), 'zq-embedded-'));
    const port = await freePort();
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'APP_ROLE', 'NODE_ENV'].includes(k)));
    output = '';
    child = spawn('node', ['dist/apps/api/src/main.js'], { cwd: root, env: { ...clean, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', ...env } });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    return port;
  };

  const waitForHealth = async (port: number, timeoutMs = 60_000) => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (child?.exitCode !== null) throw new Error(`exited early: ${output}`);
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`).catch(() => null);
      if (res?.status === 200) return res.json();
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`no healthy answer in time: ${output}`);
  };

  it('boots with embedded PostgreSQL and the PostgreSQL queue backend, signs in a demo admin, and stops cleanly on SIGINT', async () => {
    const port = await start();
    const health = await waitForHealth(port);
    expect(health.info).toMatchObject({ database: { status: 'up' }, queue: { status: 'up', backend: 'postgres' }, mail: { status: 'up', transport: 'file' } });
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo1234' }) });
    expect(login.status).toBe(200);
    const { accessToken } = await login.json();
    const units = await (await fetch(`http://127.0.0.1:${port}/api/v1/units`, { headers: { authorization: `Bearer ${accessToken}` } })).json();
    expect(units.length).toBe(70);
    expect((await fetch(`http://127.0.0.1:${port}/api/docs`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child!.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('已停止');
    expect(output).not.toMatch(/未处理的异常|启动失败/);
    expect(await readdir(join(dataDir, 'pg'))).toContain('PG_VERSION');
  }, 120_000);

  it('refuses a bad DATABASE_URL with a message naming it', async () => {
    await start({ DATABASE_URL: 'not a url' });
    const code = await new Promise<number | null>((resolve) => child!.once('exit', resolve));
    expect(code).toBe(78);
    expect(output).toContain('配置错误 DATABASE_URL');
  }, 30_000);
});
