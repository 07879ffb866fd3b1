import { ManualClock } from '@zq/common';
import { ReceiptService } from '@zq/feedback';
import { createHash } from 'node:crypto';
import { aReferenceRound, anItem, aScannedLetter, LETTER_DEADLINE, PNG_BYTES, SeededRound } from '../support/feedback-factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Drafting, sealing and review around the edges: conflicts, rule errors, revisions, lateness, 退回补正, withdrawal. */
describe('feedback lifecycle (real PostgreSQL, Redis, SMTP)', () => {
  const clock = new ManualClock(new Date('2023-05-20T09:00:00+08:00'));
  let t: TestApp;
  let r: SeededRound;
  const tokens: Record<string, string> = {};
  const as = async (username: string) => (tokens[username] ??= await t.login(username));
  const path = (suffix = '') => `/api/v1/rounds/${r.roundId}/my-reply${suffix}`;

  const put = async (username: string, body: Record<string, unknown>, roundId = r.roundId) =>
    t.http().put(`/api/v1/rounds/${roundId}/my-reply`).set('Authorization', await as(username)).send(body);
  const upload = async (username: string, roundId = r.roundId) =>
    (await t.http().post(`/api/v1/rounds/${roundId}/evidence`).set('Authorization', await as(username)).attach('file', aScannedLetter(username), 'scan.pdf').expect(201)).body
      .id as string;
  const signoff = (evidenceFileId: string) => ({ signatory: '签发人', contactName: '联系人', contactPhone: '0571-88000000', seals: [{ role: 'unit', evidenceFileId }] });
  const seal = async (unit: string, draftVersion: number, extra: Record<string, unknown> = {}, roundId = r.roundId) =>
    t
      .http()
      .post(`/api/v1/rounds/${roundId}/my-reply/seal`)
      .set('Authorization', await as(`${unit}.approver`))
      .send({ ...signoff(await upload(`${unit}.approver`, roundId)), draftVersion, ...extra });
  const currentVersion = async (unit: string) => (await t.http().get(path()).set('Authorization', await as(`${unit}.drafter`)).expect(200)).body.draft.version as number;
  const recipient = async (unit: string) =>
    (await t.dataSource.query(`SELECT status, reply_kind, latest_submission_id FROM round_recipient WHERE id = $1`, [r.recipientId(unit)]))[0];

  beforeAll(async () => {
    t = await startTestApp('feedback_lifecycle', { clock });
    r = await aReferenceRound(t.dataSource, { recipients: ['省财政厅', '省公安厅', '省建设厅', '省自然资源厅', '省交通运输厅', '省水利厅', '杭州市'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('autosave', () => {
    it('refuses an edit based on an older version with DRAFT_VERSION_CONFLICT naming who saved first', async () => {
      const first = await put('省财政厅.drafter', { baseVersion: 0, kind: 'with_comments', items: [anItem(r.item(9), { key: 'a' })] });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ version: 1, updatedBy: { name: '省财政厅起草人（演示）' } });
      const second = await put('省财政厅.approver', { baseVersion: 1, kind: 'with_comments', items: [anItem(r.item(9), { key: 'a', reason: '签发人补充理由' })] });
      expect(second.body.version).toBe(2);
      const stale = await put('省财政厅.drafter', { baseVersion: 1, kind: 'with_comments', items: [] });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'DRAFT_VERSION_CONFLICT', details: { baseVersion: 1, currentVersion: 2, savedBy: { name: '省财政厅签发人（演示）' } } });
      expect(stale.body.message).toContain('省财政厅签发人（演示）');
      const kept = await t.http().get(path()).set('Authorization', await as('省财政厅.drafter')).expect(200);
      expect(kept.body.draft.items[0].reason).toBe('签发人补充理由');
    });

    it('lets exactly one of several simultaneous first saves win', async () => {
      const auth = await as('省交通运输厅.drafter');
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map((n) => t.http().put(path()).set('Authorization', auth).send({ baseVersion: 0, kind: 'with_comments', items: [anItem(r.item(n), { key: `k${n}` })] })),
      );
      expect(results.map((res) => res.status).sort()).toEqual([200, 409, 409, 409, 409]);
      expect(await currentVersion('省交通运输厅')).toBe(1);
    });

    it('keeps drafts from the office', async () => {
      expect((await t.http().put(path()).set('Authorization', await as('admin')).send({ baseVersion: 0, kind: 'no_comment', items: [] }).expect(403)).body.code).toBe('UNIT_USER_ONLY');
    });
  });

  describe('sealing rules', () => {
    it('lets only the approver seal', async () => {
      const res = await t.http().post(path('/seal')).set('Authorization', await as('省财政厅.drafter')).send({ ...signoff('00000000-0000-4000-8000-000000000000'), draftVersion: 2 });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('APPROVER_ONLY');
    });

    it('refuses to seal a draft changed since the approver reviewed it', async () => {
      const res = await seal('省财政厅', 1);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'DRAFT_VERSION_CONFLICT', details: { currentVersion: 2 } });
    });

    it('refuses a clause of another version, a quote not in the clause and an empty reply, precisely', async () => {
      const other = await aReferenceRound(t.dataSource, { recipients: ['省水利厅'] });
      let v = 0;
      const attempt = async (items: unknown[], kind = 'with_comments') => {
        const saved = await put('省水利厅.drafter', { baseVersion: v, kind, items });
        v = saved.body.version;
        return seal('省水利厅', v);
      };
      const foreign = await attempt([anItem(other.item(9))]);
      expect(foreign.status).toBe(422);
      expect(foreign.body).toMatchObject({ code: 'CLAUSE_NOT_IN_VERSION', details: { index: 0, clauseId: other.item(9).id } });
      const misquoted = await attempt([anItem(r.item(9)), anItem(r.item(18), { quote: '加大城镇路网设施建设' })]);
      expect(misquoted.body).toMatchObject({ code: 'QUOTE_NOT_IN_CLAUSE', details: { index: 1 } });
      expect(misquoted.body.message).toContain('第 2 条意见');
      const spaced = await attempt([anItem(r.item(9), { quote: '建设提升 特色小镇，\n小微企业园'.replace('，', '、') })]);
      expect(spaced.status).toBe(201);
      const empty = await put('省水利厅.drafter', { baseVersion: v, kind: 'with_comments', items: [] });
      const refused = await seal('省水利厅', empty.body.version);
      expect(refused.body.code).toBe('REPLY_EMPTY');
    });

    it('refuses evidence of another unit with EVIDENCE_NOT_FOUND', async () => {
      const policeScan = await upload('省公安厅.approver');
      const res = await t.http().post(path('/seal')).set('Authorization', await as('省财政厅.approver')).send({ ...signoff(policeScan), draftVersion: 2 });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'EVIDENCE_NOT_FOUND', details: { evidenceFileIds: [policeScan] } });
    });

    it('accepts PDF, PNG and JPEG scans by their bytes, with their SHA-256, and refuses anything else', async () => {
      const auth = await as('省财政厅.drafter');
      const png = await t.http().post(`/api/v1/rounds/${r.roundId}/evidence`).set('Authorization', auth).attach('file', PNG_BYTES, '盖章页.png').expect(201);
      expect(png.body).toMatchObject({ mime: 'image/png', filename: '盖章页.png', size: PNG_BYTES.length, sha256: createHash('sha256').update(PNG_BYTES).digest('hex') });
      const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
      expect((await t.http().post(`/api/v1/rounds/${r.roundId}/evidence`).set('Authorization', auth).attach('file', jpeg, 'scan.jpg').expect(201)).body.mime).toBe('image/jpeg');
      const fake = await t.http().post(`/api/v1/rounds/${r.roundId}/evidence`).set('Authorization', auth).attach('file', Buffer.from('not a pdf at all'), 'fake.pdf').expect(400);
      expect(fake.body.code).toBe('EVIDENCE_TYPE_NOT_ALLOWED');
      const huge = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
      huge.write('%PDF-1.4');
      const tooLarge = await t.http().post(`/api/v1/rounds/${r.roundId}/evidence`).set('Authorization', auth).attach('file', huge, 'huge.pdf');
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.code).toBe('EVIDENCE_TOO_LARGE');
    });

    it('chains simultaneous seals of one round one after another, with nothing lost', async () => {
      const units = ['省教育厅', '省民政厅', '省司法厅', '省人社厅', '省生态环境厅', '省商务厅', '省体育局', '省大数据局'];
      const round = await aReferenceRound(t.dataSource, { recipients: units });
      await Promise.all(units.map((u) => put(`${u}.drafter`, { baseVersion: 0, kind: 'with_comments', items: [anItem(round.item(9)), anItem(round.item(18))] }, round.roundId)));
      // 省教育厅 seals three times at once: one after another, as revisions 1, 2 and 3
      const sealers = [...units, '省教育厅', '省教育厅'];
      const results = await Promise.all(sealers.map((u) => seal(u, 1, {}, round.roundId)));
      expect(results.map((res) => res.status)).toEqual(sealers.map(() => 201));
      expect(results.map((res) => res.body.receipt.chainSeq).sort((a: number, b: number) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const education = results.filter((_, i) => sealers[i] === '省教育厅').map((res) => res.body.revision);
      expect(education.sort()).toEqual([1, 2, 3]);
      const report = await t.app.get(ReceiptService).verifyRound(round.roundId);
      expect(report.ok).toBe(true);
      expect(report.chain).toMatchObject({ ok: true, length: 10, recorded: 10, brokenAt: null });
    });

    it('refuses drafts and seals once the round is closed with ROUND_NOT_OPEN', async () => {
      const closed = await aReferenceRound(t.dataSource, { recipients: ['省财政厅'], status: 'closed' });
      const res = await put('省财政厅.drafter', { baseVersion: 0, kind: 'no_comment', items: [] }, closed.roundId);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('ROUND_NOT_OPEN');
    });
  });

  describe('revisions, lateness, 退回补正 and withdrawal', () => {
    let first: { submissionId: string; trackingNo: string; receipt: { digest: string } };

    it('supersedes a sealed reply with a new revision before the deadline, keeping both', async () => {
      first = (await seal('省财政厅', 2)).body;
      const saved = await put('省财政厅.drafter', { baseVersion: 2, kind: 'with_comments', items: [anItem(r.item(9), { key: 'a' }), anItem(r.item(18), { key: 'b' })] });
      clock.advance(3600_000);
      const second = await seal('省财政厅', saved.body.version);
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({ revision: 2, supersedesId: first.submissionId, itemCount: 2 });
      expect((await recipient('省财政厅')).latest_submission_id).toBe(second.body.submissionId);
      const list = await t.http().get(`/api/v1/rounds/${r.roundId}/submissions`).set('Authorization', await as('staff')).expect(200);
      const finance = list.body.filter((s: { unit: { name: string } }) => s.unit.name === '省财政厅');
      expect(finance.map((s: { revision: number; isLatest: boolean; supersededById: string | null }) => [s.revision, s.isLatest, s.supersededById])).toEqual([
        [1, false, second.body.submissionId],
        [2, true, null],
      ]);
      for (const s of [first, second.body]) expect((await t.http().get(`/api/v1/receipts/${encodeURIComponent(s.trackingNo)}/verify`).query({ code: s.receipt.digest.slice(0, 16) }).expect(200)).body.valid).toBe(true);
      const [superseded] = await t.dataSource.query(`SELECT data FROM audit_event WHERE action = 'submission.superseded' AND entity_id = $1`, [first.submissionId]);
      expect(superseded.data).toMatchObject({ supersededBy: second.body.submissionId });
    });

    it('returns a reply (退回补正) with a reason, mails the unit, and takes the corrected revision', async () => {
      await put('省公安厅.drafter', { baseVersion: 0, kind: 'no_comment', items: [] });
      const sealed = (await seal('省公安厅', 1)).body;
      const staff = await as('staff');
      const returned = await t.http().post(`/api/v1/submissions/${sealed.submissionId}/return`).set('Authorization', staff).send({ reason: '缺少签发人签字页' }).expect(200);
      expect(returned.body.recipientStatus).toBe('returned');
      expect(await recipient('省公安厅')).toMatchObject({ status: 'returned' });
      const [review] = await t.dataSource.query(`SELECT action, reason FROM submission_review WHERE submission_id = $1`, [sealed.submissionId]);
      expect(review).toEqual({ action: 'returned', reason: '缺少签发人签字页' });
      const [contact] = await t.dataSource.query(`SELECT email FROM unit_contact WHERE unit_id = $1`, [r.unitId('省公安厅')]);
      const until = Date.now() + 10_000;
      while (!t.smtp.to(contact.email).some((m) => m.subject?.includes('退回补正')) && Date.now() < until) await new Promise((done) => setTimeout(done, 50));
      expect(t.smtp.to(contact.email).find((m) => m.subject?.includes('退回补正'))?.text).toContain('缺少签发人签字页');

      expect((await t.http().post(`/api/v1/submissions/${sealed.submissionId}/return`).set('Authorization', await as('省公安厅.approver')).send({ reason: 'x' }).expect(403)).body.code).toBe(
        'OFFICE_ONLY',
      );
      const again = await put('省公安厅.drafter', { baseVersion: 1, kind: 'no_comment', items: [] });
      expect(await recipient('省公安厅')).toMatchObject({ status: 'drafting' });
      const corrected = await seal('省公安厅', again.body.version);
      expect(corrected.body).toMatchObject({ revision: 2, supersedesId: sealed.submissionId });
      expect(await recipient('省公安厅')).toMatchObject({ status: 'submitted', reply_kind: 'no_comment' });
      const stale = await t.http().post(`/api/v1/submissions/${sealed.submissionId}/accept`).set('Authorization', staff).send({}).expect(422);
      expect(stale.body.code).toBe('SUBMISSION_SUPERSEDED');
      await t.http().post(`/api/v1/submissions/${corrected.body.submissionId}/accept`).set('Authorization', staff).send({ note: '符合要求' }).expect(200);
      const twice = await t.http().post(`/api/v1/submissions/${corrected.body.submissionId}/accept`).set('Authorization', staff).send({}).expect(409);
      expect(twice.body.code).toBe('SUBMISSION_ALREADY_REVIEWED');
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM sealed_submission WHERE recipient_id = $1`, [r.recipientId('省公安厅')])).toEqual([{ n: 2 }]);
    });

    it('withdraws a reply only by a new sealed revision', async () => {
      const res = await t
        .http()
        .post(path('/withdrawal'))
        .set('Authorization', await as('省财政厅.approver'))
        .send({ ...signoff(await upload('省财政厅.approver')), reason: '意见已与省建设厅当面沟通，撤回' });
      expect([res.status, res.body.code]).toEqual([201, undefined]);
      expect(res.body).toMatchObject({ kind: 'withdrawal', revision: 3, itemCount: 0 });
      // a withdrawn reply is no reply: the unit is back to drafting and counts as not replied
      expect(await recipient('省财政厅')).toMatchObject({ status: 'drafting', reply_kind: null, latest_submission_id: res.body.submissionId });
      expect((await t.http().get(`/api/v1/receipts/${encodeURIComponent(res.body.trackingNo)}/verify`).query({ code: res.body.receipt.digest.slice(0, 16) }).expect(200)).body.valid).toBe(true);
      const again = await t.http().post(path('/withdrawal')).set('Authorization', await as('省财政厅.approver')).send({ ...signoff(await upload('省财政厅.approver')), reason: '再次撤回' });
      expect(again.body.code).toBe('NOTHING_TO_WITHDRAW');
    });

    it('accepts a late reply and flags how late, against the unit’s own extended deadline too', async () => {
      await t.dataSource.query(`UPDATE round_recipient SET deadline_override = $2 WHERE id = $1`, [r.recipientId('省自然资源厅'), new Date('2023-05-26T23:59:59.999+08:00')]);
      await put('省建设厅.drafter', { baseVersion: 0, kind: 'no_comment', items: [] });
      await put('省自然资源厅.drafter', { baseVersion: 0, kind: 'no_comment', items: [] });
      clock.set(new Date(LETTER_DEADLINE.getTime() + 26 * 3600_000 + 1));
      const late = await seal('省建设厅', 1);
      expect(late.status).toBe(201);
      expect(late.body).toMatchObject({ late: true, lateSeconds: 26 * 3600 });
      const extended = await seal('省自然资源厅', 1);
      expect(extended.body).toMatchObject({ late: false, lateSeconds: 0 });
      const list = await t.http().get(`/api/v1/rounds/${r.roundId}/submissions`).query({ latestOnly: true }).set('Authorization', await as('staff')).expect(200);
      expect(list.body.find((s: { unit: { name: string } }) => s.unit.name === '省建设厅')).toMatchObject({ late: true, lateSeconds: 93600 });
    });

    it('refuses a correction of a sealed reply after the deadline', async () => {
      const v = await currentVersion('省建设厅');
      const res = await seal('省建设厅', v);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('REVISION_AFTER_DEADLINE');
    });

    it('writes an audit row for every state change', async () => {
      const rows: { action: string }[] = await t.dataSource.query(
        `SELECT DISTINCT action FROM audit_event WHERE action LIKE 'submission.%' OR action LIKE 'feedback_draft.%' OR action LIKE 'evidence.%' OR action = 'round_recipient.status_changed'`,
      );
      expect(rows.map((row) => row.action).sort()).toEqual([
        'evidence.uploaded',
        'feedback_draft.created',
        'feedback_draft.edited',
        'round_recipient.status_changed',
        'submission.accepted',
        'submission.returned',
        'submission.sealed',
        'submission.superseded',
      ]);
    });
  });
});
