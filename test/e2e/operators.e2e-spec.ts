import { JobName, QueueName, QueueService } from '@zq/jobs';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../support/database';
import { missing } from '../support/services';
import { REDIS_URL, startTestApp, TestApp } from '../support/test-app';

const TOKEN = 'metrics-token-for-the-test-0123456789';

/** The value of one series in the Prometheus text (0 when absent). */
function series(text: string, name: string, labels: Record<string, string> = {}): number {
  const lines = text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = lines.find((l) => want.every((w) => l.includes(w)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('operators: /metrics, health, /admin/queues', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    // METRICS_ALLOW empty: even the loopback test client needs the token
    t = await startTestApp('operators', { env: { METRICS_TOKEN: TOKEN, METRICS_ALLOW: '' } });
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t?.close();
  });
  const scrape = async () => (await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text;

  it('refuses /metrics without the token (401) and with a wrong one (403), never serving the web page', async () => {
    const none = await t.http().get('/metrics').expect(401);
    expect(none.body).toEqual({ statusCode: 401, code: 'METRICS_TOKEN_REQUIRED', message: expect.stringContaining('METRICS_TOKEN') });
    const wrong = await t.http().get('/metrics').set('Authorization', 'Bearer not-the-token-at-all-0000000').expect(403);
    expect(wrong.body.code).toBe('METRICS_TOKEN_INVALID');
    const res = await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('reports HTTP latency by route pattern, queue depths and the DB pool', async () => {
    await t.http().get('/api/v1/units').set('Authorization', admin).expect(200);
    const units = (await t.http().get('/api/v1/units').set('Authorization', admin)).body as { id: string }[];
    await t.http().get(`/api/v1/units/${units[0].id}/users`).set('Authorization', admin).expect(200);
    const text = await scrape();
    expect(series(text, 'zq_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/units', status: '200' })).toBeGreaterThanOrEqual(2);
    // the pattern, not the id: one series for every unit
    expect(series(text, 'zq_http_request_duration_seconds_count', { route: '/api/v1/units/:id/users' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(units[0].id);
    expect(text).toMatch(/zq_queue_jobs\{queue="mail",state="waiting"\} \d+/);
    expect(text).toMatch(/zq_queue_jobs\{queue="reminders",state="failed"\} \d+/);
    expect(series(text, 'zq_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
  });

  it('counts a mail sent by its purpose', async () => {
    const before = await scrape();
    const units = (await t.http().get('/api/v1/units').set('Authorization', admin)).body as { id: string }[];
    await t.http().post('/api/v1/auth/invitations').set('Authorization', admin).send({ unitId: units[0].id, email: 'metrics@example.org', role: 'unit_drafter', name: '王五' }).expect(201);
    const sentTotal = (text: string) => [...text.matchAll(/^zq_mails_sent_total\{purpose="[^"]+"\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
    const after = await until(scrape, (text) => sentTotal(text) > sentTotal(before));
    expect(sentTotal(after)).toBe(sentTotal(before) + 1);
    expect(t.smtp.to('metrics@example.org')).toHaveLength(1);
  });

  it('splits liveness from readiness and keeps /api/v1/health', async () => {
    expect((await t.http().get('/api/v1/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http().get('/api/v1/health/ready').expect(200)).body).toMatchObject({ status: 'ok', ready: true, database: 'up', queue: 'up' });
    await t.http().get('/api/v1/health').expect(200);
  });

  it('lets only office admins into /admin/queues: 401 without sign-in, 403 for staff and units', async () => {
    const anon = await t.http().get('/admin/queues/api/queues').set('Accept', 'application/json').expect(401);
    expect(anon.body.code).toBe('UNAUTHENTICATED');
    const page = await t.http().get('/admin/queues').set('Accept', 'text/html').expect(401);
    expect(page.text).toContain('/api/v1/admin/queues/session'); // the sign-in hand-over, not the web app's index.html
    expect(page.text).not.toContain('id="root"');
    for (const user of ['staff', '省财政厅.approver']) {
      const auth = await t.login(user);
      const res = await t.http().get('/admin/queues/api/queues').set('Authorization', auth).expect(403);
      expect(res.body.code).toBe('ADMIN_ONLY');
      await t.http().post('/api/v1/admin/queues/session').set('Authorization', auth).expect(403);
    }
    await t.http().get('/admin/queues/api/queues').set('Cookie', 'zq_queues=forged').expect(401);
  });

  it('gives the signed-in admin a cookie for the browser, with which the board answers', async () => {
    const res = await t.http().post('/api/v1/admin/queues/session').set('Authorization', admin).expect(200);
    expect(res.body).toEqual({ path: '/admin/queues', expiresIn: expect.any(Number) });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^zq_queues=[^;]+; Max-Age=\d+; Path=\/admin\/queues; Expires=[^;]+; HttpOnly; SameSite=Strict/);
    const board = await t.http().get('/admin/queues/api/queues').set('Cookie', cookie.split(';')[0]).expect(200);
    expect(board.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(Object.values(QueueName).sort());
    const html = await t.http().get('/admin/queues').set('Cookie', cookie.split(';')[0]).set('Accept', 'text/html').expect(200);
    expect(html.text).toContain('<title>征求意见 队列</title>');
  });
});

// bull-board reads BullMQ's queues, so it works on both backends (Redis only when the run has Redis)
const backends: [string, string][] = [...(missing.redis ? [] : [['Redis', REDIS_URL] as [string, string]]), ['PostgreSQL', '']];
describe.each(backends)('bull-board on the %s backend', (_backend, redisUrl) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('operators-board', { workers: false, env: { REDIS_URL: redisUrl } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows a real queued job in the board JSON API', async () => {
    const admin = await t.login('admin');
    await t.app.get(QueueService).addBulk([{ name: JobName.ReconcileReminders, jobId: 'board-visible-1', payload: {}, runAt: new Date(Date.now() + 3_600_000) }]);
    const res = await t.http().get('/admin/queues/api/queues').query({ activeQueue: QueueName.Maintenance, status: 'delayed' }).set('Authorization', admin).expect(200);
    const maintenance = res.body.queues.find((q: { name: string }) => q.name === QueueName.Maintenance);
    expect(maintenance.counts.delayed).toBe(1);
    expect(maintenance.jobs.map((j: { id: string }) => j.id)).toContain('board-visible-1');
    const page = await t.http().get('/admin/queues').set('Authorization', admin).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('<title>征求意见 队列</title>');
  });
});

describe('the processes operators start', () => {
  const root = join(__dirname, '..', '..');
  const clean = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'APP_ROLE', 'NODE_ENV', 'DEMO_MODE', 'JWT_SECRET'].includes(k)));
  beforeAll(() => execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root }));

  it.each([
    ['DEMO_MODE on', { DEMO_MODE: 'true', JWT_SECRET: 'q8Vd2LmZ0rT5yXw1bN7cK4pS9hJ3fG6aE2uY' }, /^配置错误 DEMO_MODE: /],
    ['the old compose secret', { JWT_SECRET: 'change-me-to-a-long-random-string-of-48-characters' }, /^配置错误 JWT_SECRET: 是示例\/占位值/],
    ['a short secret', { JWT_SECRET: 'secret' }, /^配置错误 JWT_SECRET: 至少 32 个字符/],
    ['an unknown LOG_LEVEL', { JWT_SECRET: 'q8Vd2LmZ0rT5yXw1bN7cK4pS9hJ3fG6aE2uY', LOG_LEVEL: 'verbose' }, /^配置错误 LOG_LEVEL: /],
  ])('api and worker refuse to start in production with %s (exit 78)', (_what, env, message) => {
    // the worker shares loadConfig and the exit path; checked once to keep this quick
    for (const main of ['dist/apps/api/src/main.js', ...(_what === 'DEMO_MODE on' ? ['dist/apps/worker/src/main.js'] : [])]) {
      const r = spawnSync(process.execPath, [main], { cwd: root, encoding: 'utf8', timeout: 30_000, env: { ...clean(), NODE_ENV: 'production', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', ...env } });
      expect(r.stderr).toMatch(message);
      expect(r.status).toBe(78);
    }
  });

  it('the worker answers its own health and metrics on WORKER_HEALTH_PORT', async () => {
    const db = await createTestDatabase('worker_health');
    const dataDir = await mkdtemp(join(tmpdir(), 'zq-worker-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    let output = '';
    const child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
      cwd: root,
      env: { ...clean(), DATABASE_URL: db.url, REDIS_URL: missing.redis ? '' : REDIS_URL, DATA_DIR: dataDir, QUEUE_PREFIX: `zqtest-wh-${process.pid}`, WORKER_HEALTH_PORT: String(port), METRICS_TOKEN: TOKEN, METRICS_ALLOW: '', LOG_LEVEL: 'warn' },
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    try {
      const live = await until(() => fetch(`http://127.0.0.1:${port}/health/live`).catch(() => null), (r) => r?.status === 200, 60_000);
      expect(live?.status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(await ready.json()).toMatchObject({ status: 'ok', role: 'worker', database: 'up', queue: 'up' });
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
      const m = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(m.status).toBe(200);
      expect(await m.text()).toMatch(/zq_queue_jobs\{queue="mail",state="waiting"\} 0/);
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      expect(child.exitCode).toBe(0);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${output}`);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
