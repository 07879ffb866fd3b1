import { startTestApp, TestApp } from '../support/test-app';

/** Sign-in and account rights: equal timing, lockout after repeated failures, admin-only account management. */
describe('sign-in, lockout and account rights (real PostgreSQL)', () => {
  let t: TestApp;
  const login = (username: string, password: string, ip?: string) => {
    const req = t.http().post('/api/v1/auth/login');
    if (ip) req.set('X-Forwarded-For', ip);
    return req.send({ username, password });
  };

  beforeAll(async () => {
    t = await startTestApp('sign_in', { workers: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('takes as long for an unknown user as for a wrong password', async () => {
    await login('nobody-warmup', 'x'); // the dummy hash is made once
    const time = async (username: string) => {
      const started = performance.now();
      const res = await login(username, 'wrong-password');
      expect(res.body.code).toBe('LOGIN_FAILED');
      return performance.now() - started;
    };
    const unknown: number[] = [];
    const known: number[] = [];
    for (let i = 0; i < 3; i++) {
      unknown.push(await time(`nobody${i}`));
      known.push(await time(['省财政厅.drafter', '省公安厅.drafter', '省建设厅.drafter'][i]));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    // before: 5 ms against 463 ms; both now run one argon2 verification
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('locks a user name for 15 minutes after 5 failures, with a stable code, a Chinese message and an audit row', async () => {
    for (let i = 0; i < 5; i++) expect((await login('省财政厅.approver', `wrong${i}`)).status).toBe(401);
    const locked = await login('省财政厅.approver', 'demo1234');
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: 'LOGIN_LOCKED', details: { scope: 'username' } });
    expect(locked.body.message).toContain('分钟后再试');
    expect(locked.body.details.retryAfterSeconds).toBeGreaterThan(14 * 60);
    const audit = await t.dataSource.query(`SELECT data FROM audit_event WHERE action = 'login.locked'`);
    expect(audit).toEqual([{ data: expect.objectContaining({ username: '省财政厅.approver', failures: 5, minutes: 15 }) }]);
    // other users are not affected; and once the lock has passed the right password works and resets the count
    expect((await login('省公安厅.approver', 'demo1234')).status).toBe(200);
    await t.dataSource.query(`UPDATE login_throttle SET locked_until = now() - interval '1 second', window_started_at = now() - interval '16 minutes' WHERE key = 'user:省财政厅.approver'`);
    expect((await login('省财政厅.approver', 'demo1234')).status).toBe(200);
    expect(await t.dataSource.query(`SELECT 1 FROM login_throttle WHERE key = 'user:省财政厅.approver'`)).toEqual([]);
  });

  it('locks an address that keeps failing across many user names', async () => {
    const addressKey = async () => (await t.dataSource.query(`SELECT failures FROM login_throttle WHERE key LIKE 'addr:%' ORDER BY failures DESC LIMIT 1`))[0]?.failures ?? 0;
    await t.dataSource.query(`DELETE FROM login_throttle`);
    for (let i = 0; i < 20; i++) await login(`spray${i}`, 'x');
    expect(await addressKey()).toBe(20);
    const res = await login('admin', 'demo1234');
    expect(res.status).toBe(429);
    expect(res.body.details.scope).toBe('address');
    await t.dataSource.query(`DELETE FROM login_throttle`);
  });

  it('accepts the bearer scheme in any case', async () => {
    const token = (await t.login('staff')).slice('Bearer '.length);
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) await t.http().get('/api/v1/auth/me').set('Authorization', `${scheme} ${token}`).expect(200);
    await t.http().get('/api/v1/auth/me').set('Authorization', `Basic ${token}`).expect(401);
  });

  it('lets only the administrator manage accounts', async () => {
    const [finance] = await t.dataSource.query(`SELECT id FROM unit WHERE short_name = '省财政厅'`);
    const invite = { unitId: finance.id, email: 'new.drafter@example.org', role: 'unit_drafter', name: '新同事' };
    const staff = await t.login('staff');
    const byStaff = await t.http().post('/api/v1/auth/invitations').set('Authorization', staff).send(invite);
    expect(byStaff.status).toBe(403);
    expect(byStaff.body.code).toBe('ADMIN_ONLY');
    expect((await t.http().get(`/api/v1/units/${finance.id}/users`).set('Authorization', staff)).status).toBe(403);
    const unit = await t.login('省财政厅.approver');
    expect((await t.http().post('/api/v1/auth/invitations').set('Authorization', unit).send(invite)).status).toBe(403);
    const admin = await t.login('admin');
    expect((await t.http().post('/api/v1/auth/invitations').set('Authorization', admin).send(invite)).status).toBe(201);
    expect((await t.http().get(`/api/v1/units/${finance.id}/users`).set('Authorization', admin)).status).toBe(200);
    // a unit's own users still see their colleagues
    expect((await t.http().get(`/api/v1/units/${finance.id}/users`).set('Authorization', unit)).status).toBe(200);
  });

  it('shows unit users only their own unit’s contacts in the directory; the office sees all', async () => {
    const unit = await t.login('省财政厅.approver');
    const list = (await t.http().get('/api/v1/units').set('Authorization', unit).expect(200)).body as { shortName: string; contacts: unknown[] }[];
    const withContacts = list.filter((u) => u.contacts.length > 0).map((u) => u.shortName);
    expect(withContacts).toEqual(['省财政厅']);
    const [other] = await t.dataSource.query(`SELECT u.id FROM unit u JOIN unit_contact c ON c.unit_id = u.id WHERE u.short_name = '省公安厅' LIMIT 1`);
    expect((await t.http().get(`/api/v1/units/${other.id}`).set('Authorization', unit).expect(200)).body.contacts).toEqual([]);
    const staff = await t.login('staff');
    const all = (await t.http().get('/api/v1/units').set('Authorization', staff).expect(200)).body as { contacts: unknown[] }[];
    expect(all.filter((u) => u.contacts.length > 0).length).toBeGreaterThan(20);
  });
});
