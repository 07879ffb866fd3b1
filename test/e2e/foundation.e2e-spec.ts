import { JobName, OutboxService, UnitOfWork } from '@zq/jobs';
import { MailService } from '@zq/mail';
import { missing } from '../support/services';
import { startTestApp, TestApp } from '../support/test-app';

describe('foundation (real PostgreSQL, Redis, SMTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('foundation');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers health with database, queue and mail up', async () => {
    const res = await t.http().get('/api/v1/health').expect(200);
    expect(res.body.info.database.status).toBe('up');
    expect(res.body.info.queue).toMatchObject({ status: 'up', backend: missing.redis ? 'postgres' : 'redis' });
    expect(res.body.info.mail).toMatchObject({ status: 'up', transport: 'smtp' });
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.info.title).toBe('征求意见 API');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/units', '/api/v1/auth/login', '/api/v1/health']));
  });

  it('signs in a demo office admin and lists the demo directory', async () => {
    const auth = await t.login('admin');
    const res = await t.http().get('/api/v1/units').set('Authorization', auth).expect(200);
    const names = res.body.map((u: { shortName: string }) => u.shortName);
    expect(names).toEqual(expect.arrayContaining(['省财政厅', '省通信管理局', '省市场监督管理局', '杭州市', '杭州市政府办公厅', '杭州市建设局', '杭州市美丽城镇办']));
    expect(res.body.filter((u: { kind: string }) => u.kind === 'prefecture_city')).toHaveLength(11);
    expect(res.body.filter((u: { kind: string }) => u.kind === 'city_office')).toHaveLength(33);
    expect(res.body.filter((u: { kind: string }) => u.kind === 'provincial_department')).toHaveLength(25);
  });

  it('finds a unit by an alias', async () => {
    const auth = await t.login('admin');
    const res = await t.http().get('/api/v1/units').query({ q: '省市场监管局' }).set('Authorization', auth).expect(200);
    expect(res.body.map((u: { shortName: string }) => u.shortName)).toEqual(['省市场监督管理局']);
  });

  it('offers the demo accounts (演示) on the login page in demo mode', async () => {
    const res = await t.http().get('/api/v1/auth/demo-accounts').expect(200);
    expect(res.body).toEqual(expect.arrayContaining([expect.objectContaining({ username: 'admin', role: 'office_admin' })]));
    expect(res.body.every((a: { displayName: string }) => a.displayName.includes('演示'))).toBe(true);
  });

  it('refuses a wrong password with LOGIN_FAILED in Chinese', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ username: 'admin', password: 'nope' }).expect(401);
    expect(res.body).toEqual({ statusCode: 401, code: 'LOGIN_FAILED', message: '用户名或密码错误' });
  });

  it('names the field in a validation error', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ username: 'admin' }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain('password');
  });

  it('asks for sign-in on protected routes', async () => {
    const res = await t.http().get('/api/v1/units').expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it("gives a unit user 404 on another unit's data and its own on request", async () => {
    const finance = await t.login('省财政厅.drafter');
    const units = (await t.http().get('/api/v1/units').set('Authorization', finance).expect(200)).body as { id: string; shortName: string }[];
    const own = units.find((u) => u.shortName === '省财政厅')!;
    const other = units.find((u) => u.shortName === '省公安厅')!;
    const mine = await t.http().get(`/api/v1/units/${own.id}/users`).set('Authorization', finance).expect(200);
    expect(mine.body.map((u: { username: string }) => u.username).sort()).toEqual(['省财政厅.approver', '省财政厅.drafter']);
    const theirs = await t.http().get(`/api/v1/units/${other.id}/users`).set('Authorization', finance).expect(404);
    expect(theirs.body.code).toBe('NOT_FOUND');
    const invite = await t.http().post('/api/v1/auth/invitations').set('Authorization', finance).send({ unitId: other.id, email: 'x@example.org', role: 'unit_drafter' }).expect(403);
    expect(invite.body.code).toBe('ADMIN_ONLY'); // managing accounts is the office admin's alone
  });

  it('lets a city office user act for its city', async () => {
    const hz = await t.login('杭州市建设局.approver');
    const units = (await t.http().get('/api/v1/units').query({ q: '杭州市' }).set('Authorization', hz).expect(200)).body as { id: string; shortName: string }[];
    const city = units.find((u) => u.shortName === '杭州市')!;
    await t.http().get(`/api/v1/units/${city.id}/users`).set('Authorization', hz).expect(200);
  });

  describe('outbox and mail', () => {
    const compose = (key: string, to: string) => ({ dedupeKey: key, purpose: 'test', to, subject: `测试邮件 ${key}`, text: '正文：征求意见', html: '<p>正文：征求意见</p>' });

    it('sends nothing for an outbox row written in a rolled-back transaction', async () => {
      const uow = t.app.get(UnitOfWork);
      const mail = t.app.get(MailService);
      await expect(
        uow.run(async (em) => {
          await mail.compose(em, [compose('rollback-1', 'rollback@example.org')]);
          throw new Error('rule failed after the mail was composed');
        }),
      ).rejects.toThrow('rule failed');
      await t.app.get(OutboxService).relay();
      await new Promise((r) => setTimeout(r, 1500));
      expect(t.smtp.to('rollback@example.org')).toHaveLength(0);
      const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM mail_message WHERE dedupe_key = 'rollback-1'`);
      expect(rows[0].n).toBe(0);
    });

    it('sends a committed mail exactly once, also when the relay runs twice and the decision is repeated', async () => {
      const uow = t.app.get(UnitOfWork);
      const mail = t.app.get(MailService);
      await uow.run((em) => mail.compose(em, [compose('commit-1', 'once@example.org')]));
      await uow.run((em) => mail.compose(em, [compose('commit-1', 'once@example.org')])); // same decision again
      const outbox = t.app.get(OutboxService);
      await Promise.all([outbox.relay(), outbox.relay()]);
      await t.dataSource.query(`UPDATE outbox SET relayed_at = NULL WHERE job_name = $1`, [JobName.SendMail]); // as if a crash lost the mark
      await outbox.relay();
      await t.smtp.waitFor(1);
      await new Promise((r) => setTimeout(r, 1500));
      const got = t.smtp.to('once@example.org');
      expect(got).toHaveLength(1);
      expect(got[0].subject).toBe('测试邮件 commit-1');
      expect(got[0].text?.trim()).toBe('正文：征求意见');
      expect(got[0].messageId).toMatch(/@zhengqiu-yijian\.local>$/);
      const [row] = await t.dataSource.query(`SELECT status, attempts FROM mail_message WHERE dedupe_key = 'commit-1'`);
      expect(row).toEqual({ status: 'sent', attempts: 1 });
    });

    it('sends an invitation link that creates a unit account', async () => {
      const admin = await t.login('admin');
      const units = (await t.http().get('/api/v1/units').query({ q: '省体育局' }).set('Authorization', admin).expect(200)).body;
      await t.http().post('/api/v1/auth/invitations').set('Authorization', admin).send({ unitId: units[0].id, email: 'sport@example.org', role: 'unit_drafter', name: '张三' }).expect(201);
      await t.smtp.waitFor(t.smtp.messages.length + 1).catch(() => undefined);
      const [mail] = t.smtp.to('sport@example.org');
      expect(mail.subject).toBe('【征求意见系统】省体育局账号开通邀请');
      const token = /\/invite\/([\w-]+)/.exec(mail.text ?? '')![1];
      const accepted = await t.http().post(`/api/v1/auth/invitations/${token}/accept`).send({ username: 'sport-zhang', password: 'long-enough-pw' }).expect(201);
      expect(accepted.body).toMatchObject({ role: 'unit_drafter', unitId: units[0].id });
      await t.login('sport-zhang', 'long-enough-pw');
      const again = await t.http().post(`/api/v1/auth/invitations/${token}/accept`).send({ username: 'sport-2', password: 'long-enough-pw' }).expect(409);
      expect(again.body.code).toBe('INVITATION_USED');
    });
  });

  it('keeps audit rows append-only in PostgreSQL itself, even for a superuser', async () => {
    const [{ superuser }] = await t.dataSource.query(`SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`);
    expect(superuser).toBe(true); // the test database's user: what is refused here is refused to anyone who connects
    const [{ before }] = await t.dataSource.query(`SELECT count(*)::int AS before FROM audit_event`);
    expect(before).toBeGreaterThan(0);
    await expect(t.dataSource.query(`UPDATE audit_event SET action = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_event RESTART IDENTITY CASCADE`)).rejects.toThrow(/append-only/);
    const [{ after }] = await t.dataSource.query(`SELECT count(*)::int AS after FROM audit_event`);
    expect(after).toBe(before);
  });
});
