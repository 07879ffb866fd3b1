import { ManualClock } from '@zq/common';
import { parseReply } from '@zq/feedback';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aReferenceRound, aScannedLetter, SeededRound } from '../support/feedback-factories';
import { startTestApp, TestApp } from '../support/test-app';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'replies', name));
const binary = (res: { on: Function; setEncoding: Function }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * Replies as they really arrive, on the reference round: the 反馈意见表 template, 省交通运输厅 filling
 * its draft from its own table, 宁波市政府办公厅's scanned letter entered by the office through OA,
 * 杭州市's paper reply without 经市政府同意 refused, and never two live replies.
 */
describe('paper and OA replies (real PostgreSQL, Redis, SMTP)', () => {
  const clock = new ManualClock(new Date('2023-05-22T10:00:00+08:00'));
  let t: TestApp;
  let r: SeededRound;
  let office: string;
  const auth: Record<string, string> = {};
  const as = async (username: string) => (auth[username] ??= await t.login(username));

  beforeAll(async () => {
    t = await startTestApp('reply-intake', { clock });
    r = await aReferenceRound(t.dataSource, { recipients: ['省交通运输厅', '宁波市', '杭州市', '省财政厅'] });
    office = await t.login('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('downloads the round’s 反馈意见表 for a unit (docx and xlsx), which reads back through the parser as an unfilled table', async () => {
    const tree = (await t.http().get(`/api/v1/versions/${r.versionId}`).set('Authorization', office)).body.clauses;
    for (const format of ['docx', 'xlsx']) {
      const res = await t
        .http()
        .get(`/api/v1/rounds/${r.roundId}/reply-template?format=${format}&prefill=true`)
        .set('Authorization', await as('省交通运输厅.drafter'))
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('反馈意见表-省交通运输厅'));
      await expect(parseReply(res.body, tree)).rejects.toMatchObject({ code: 'REPLY_EMPTY' });
      const back = await t.http().post(`/api/v1/rounds/${r.roundId}/reply-table`).set('Authorization', office).attach('file', res.body, `t.${format}`);
      expect(back.status).toBe(422);
      expect(back.body.code).toBe('REPLY_EMPTY');
    }
  });

  it('省交通运输厅 uploads its filled table: rows on 二、（一）, item 9 and the 附件 table (by label and by quoted text) become the right items, then it seals them', async () => {
    const parsed = await t
      .http()
      .post(`/api/v1/rounds/${r.roundId}/reply-table`)
      .set('Authorization', await as('省交通运输厅.drafter'))
      .attach('file', fixture('jiaotong-filled.docx'), '反馈意见表.docx')
      .expect(200);
    const byPath = (label: string, kind: string) => r.clauses.find((c) => c.label === label && c.kind === kind)!;
    const section21 = r.clauses.filter((c) => c.kind === 'section' && c.label === '（一）')[1];
    const table = r.clauses.find((c) => c.kind === 'table')!;
    expect(parsed.body.items.map((i: { clauseId: string }) => i.clauseId)).toEqual([
      section21.id,
      r.item(9).id,
      table.id,
      r.item(2).id,
      table.id,
      r.item(12).id,
      r.item(12).id,
    ]);
    expect(byPath('9.', 'item').id).toBe(r.item(9).id);
    expect(parsed.body).toMatchObject({ noComment: false, signatory: '李明', contact: '王芳', phone: '0571-83505678' });

    const drafter = await as('省交通运输厅.drafter');
    const saved = await t.http().put(`/api/v1/rounds/${r.roundId}/my-reply`).set('Authorization', drafter).send({ baseVersion: 0, kind: 'with_comments', items: parsed.body.draftItems }).expect(200);
    const approver = await as('省交通运输厅.approver');
    const scan = await t.http().post(`/api/v1/rounds/${r.roundId}/evidence`).set('Authorization', approver).attach('file', aScannedLetter('交通运输厅公章'), '盖章页.pdf').expect(201);
    const sealed = await t
      .http()
      .post(`/api/v1/rounds/${r.roundId}/my-reply/seal`)
      .set('Authorization', approver)
      .send({ draftVersion: saved.body.version, signatory: '李明', contactName: '王芳', contactPhone: '0571-83505678', seals: [{ role: 'unit', evidenceFileId: scan.body.id }] });
    expect(sealed.status).toBe(201);
    expect(sealed.body.itemCount).toBe(7);
    const [row] = await t.dataSource.query(`SELECT channel FROM sealed_submission WHERE id = $1`, [sealed.body.submissionId]);
    expect(row.channel).toBe('portal');
  });

  let ningboReceipt: { submissionId: string; trackingNo: string };

  it('records 宁波市政府办公厅’s scanned letter received through OA, items pre-filled from its table: it counts as 宁波市’s reply', async () => {
    const ningbo = r.unitId('宁波市');
    const [generalOffice] = await t.dataSource.query(`SELECT id FROM unit WHERE parent_id = $1 AND office_role = 'general_office'`, [ningbo]);
    const scan = await t.http().post(`/api/v1/rounds/${r.roundId}/recipients/${ningbo}/evidence`).set('Authorization', office).attach('file', aScannedLetter('宁波市人民政府办公厅公章'), '宁波来函.pdf').expect(201);
    const table = await t.http().post(`/api/v1/rounds/${r.roundId}/reply-table`).set('Authorization', office).attach('file', fixture('ningbo-general-office.docx'), '宁波.docx').expect(200);
    expect(table.body).toMatchObject({ statesCityApproval: true, contact: '赵磊' });
    expect(table.body.draftItems).toHaveLength(4);
    // the side-by-side view shows the scan
    const shown = await t.http().get(`/api/v1/rounds/${r.roundId}/evidence/${scan.body.id}`).set('Authorization', office).buffer(true).parse(binary).expect(200);
    expect(shown.headers['content-type']).toBe('application/pdf');

    const res = await t
      .http()
      .post(`/api/v1/rounds/${r.roundId}/recipients/${ningbo}/recorded-reply`)
      .set('Authorization', office)
      .send({
        actingUnitId: generalOffice.id,
        channel: 'oa_exchange',
        receivedOn: '2023-05-22',
        kind: 'with_comments',
        items: table.body.draftItems,
        signatory: '宁波市人民政府办公厅',
        contactName: table.body.contact,
        contactPhone: table.body.phone,
        seals: [{ role: 'general_office', evidenceFileId: scan.body.id }],
        attestation: { channel: 'general_office', statement: '经市政府同意' },
      });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ revision: 1, itemCount: 4, late: false });
    ningboReceipt = res.body;

    // board: replied
    const [recipient] = await t.dataSource.query(`SELECT status, reply_kind, latest_submission_id FROM round_recipient WHERE id = $1`, [r.recipientId('宁波市')]);
    expect(recipient).toMatchObject({ status: 'submitted', reply_kind: 'with_comments', latest_submission_id: res.body.submissionId });
    const board = await t.http().get(`/api/v1/rounds/${r.roundId}/board`).set('Authorization', office).expect(200);
    expect(JSON.stringify(board.body)).toContain(ningbo);
    // reminders: a 催办 now skips 宁波市 as replied, as for a portal reply
    const remind = await t.http().post(`/api/v1/rounds/${r.roundId}/reminders/manual`).set('Authorization', office).send({ unitIds: [ningbo, r.unitId('杭州市')] });
    expect(remind.status).toBeLessThan(300);
    expect(remind.body.skipped.map((s: { unitId: string }) => s.unitId)).toEqual([ningbo]);
    expect(remind.body.sent.map((s: { unitId: string }) => s.unitId)).toEqual([r.unitId('杭州市')]);
    // the adoption table lists its items
    const feedback = await t.http().get(`/api/v1/rounds/${r.roundId}/feedback`).set('Authorization', office).expect(200);
    expect(JSON.stringify(feedback.body)).toContain('有效增加保障性住房供给');
    // the receipt verifies and covers the channel
    const verify = await t.http().get(`/api/v1/receipts/${encodeURIComponent(res.body.trackingNo)}/verify`).query({ code: res.body.receipt.digest.slice(0, 16) }).expect(200);
    expect(verify.body.valid).toBe(true);
    const [stored] = await t.dataSource.query(`SELECT channel, received_at, sealed_by, canonical FROM sealed_submission WHERE id = $1`, [res.body.submissionId]);
    expect(stored.channel).toBe('oa_exchange');
    expect(new Date(stored.received_at).toISOString()).toBe('2023-05-21T16:00:00.000Z');
    expect(JSON.parse(stored.canonical).entry).toEqual({ channel: 'oa_exchange', receivedAt: '2023-05-21T16:00:00.000Z' });
    // audit: entered by the office
    const audit = await t.dataSource.query(`SELECT actor_user_id, data FROM audit_event WHERE action = 'submission.entered_by_office' AND entity_id = $1`, [res.body.submissionId]);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_user_id).toBe(stored.sealed_by);
    // the unit gets the 回执 mail
    await t.smtp.waitFor(1, 10_000).catch(() => undefined);
    const [mail] = await t.dataSource.query(`SELECT count(*)::int AS n FROM mail_message WHERE purpose = 'receipt' AND unit_id = $1`, [ningbo]);
    expect(mail.n).toBeGreaterThan(0);
  });

  it('shows 宁波市 in its portal what the office recorded for it: channel, who and when', async () => {
    const mine = await t.http().get(`/api/v1/rounds/${r.roundId}/my-reply`).set('Authorization', await as('宁波市政府办公厅.approver')).expect(200);
    expect(mine.body.submissions).toEqual([
      expect.objectContaining({ trackingNo: ningboReceipt.trackingNo, channel: 'oa_exchange', enteredBy: expect.any(String), receivedAt: '2023-05-21T16:00:00.000Z' }),
    ]);
  });

  it('refuses a second office entry while the reply is live (409 ALREADY_REPLIED); the unit’s own later portal reply supersedes it', async () => {
    const ningbo = r.unitId('宁波市');
    const scan = await t.http().post(`/api/v1/rounds/${r.roundId}/recipients/${ningbo}/evidence`).set('Authorization', office).attach('file', aScannedLetter('again'), 'again.pdf').expect(201);
    const again = await t
      .http()
      .post(`/api/v1/rounds/${r.roundId}/recipients/${ningbo}/recorded-reply`)
      .set('Authorization', office)
      .send({ channel: 'paper', receivedOn: '2023-05-22', kind: 'no_comment', items: [], signatory: '某', contactName: '某', contactPhone: '0571-87000000', seals: [{ role: 'unit', evidenceFileId: scan.body.id }] });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_REPLIED');

    const approver = await as('宁波市政府办公厅.approver');
    const draft = await t.http().put(`/api/v1/rounds/${r.roundId}/my-reply`).set('Authorization', approver).send({ baseVersion: 0, kind: 'no_comment', items: [] }).expect(200);
    const own = await t.http().post(`/api/v1/rounds/${r.roundId}/evidence`).set('Authorization', approver).attach('file', aScannedLetter('宁波'), 'p.pdf').expect(201);
    const sealed = await t
      .http()
      .post(`/api/v1/rounds/${r.roundId}/my-reply/seal`)
      .set('Authorization', approver)
      .send({ draftVersion: draft.body.version, signatory: '张三', contactName: '赵磊', contactPhone: '0574-89181234', seals: [{ role: 'general_office', evidenceFileId: own.body.id }], attestation: { channel: 'general_office', statement: null } });
    expect(sealed.status).toBe(201);
    expect(sealed.body).toMatchObject({ revision: 2, supersedesId: ningboReceipt.submissionId });
    const live = await t.dataSource.query(`SELECT latest_submission_id FROM round_recipient WHERE id = $1`, [r.recipientId('宁波市')]);
    expect(live[0].latest_submission_id).toBe(sealed.body.submissionId);
  });

  it('refuses 杭州市’s paper reply without 经市政府同意 for office entry too, saving nothing', async () => {
    const hangzhou = r.unitId('杭州市');
    const [bureau] = await t.dataSource.query(`SELECT id FROM unit WHERE parent_id = $1 AND office_role = 'construction_authority'`, [hangzhou]);
    const scan = await t.http().post(`/api/v1/rounds/${r.roundId}/recipients/${hangzhou}/evidence`).set('Authorization', office).attach('file', aScannedLetter('杭州市建委'), 'hz.pdf').expect(201);
    const table = await t.http().post(`/api/v1/rounds/${r.roundId}/reply-table`).set('Authorization', office).attach('file', fixture('hangzhou-construction-paper.txt'), 'hz.txt').expect(200);
    expect(table.body.statesCityApproval).toBe(false);
    const res = await t
      .http()
      .post(`/api/v1/rounds/${r.roundId}/recipients/${hangzhou}/recorded-reply`)
      .set('Authorization', office)
      .send({
        actingUnitId: bureau.id,
        channel: 'paper',
        receivedOn: '2023-05-22',
        kind: 'with_comments',
        items: table.body.draftItems,
        signatory: '杭州市城乡建设委员会',
        contactName: '吴斌',
        contactPhone: '0571-87001234',
        seals: [{ role: 'construction_authority', evidenceFileId: scan.body.id }],
      });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CITY_APPROVAL_REQUIRED');
    const rows = await t.dataSource.query(`SELECT 1 FROM sealed_submission WHERE unit_id = $1`, [hangzhou]);
    expect(rows).toHaveLength(0);
  });

  it('keeps entry for the office and sealing for the units: each is refused the other’s way (403); no entry dated in the future', async () => {
    const finance = r.unitId('省财政厅');
    const asUnit = await t
      .http()
      .post(`/api/v1/rounds/${r.roundId}/recipients/${finance}/recorded-reply`)
      .set('Authorization', await as('省财政厅.approver'))
      .send({ channel: 'paper', receivedOn: '2023-05-22', kind: 'no_comment', items: [], signatory: 'x', contactName: 'x', contactPhone: '0571-87000000', seals: [] });
    expect(asUnit.status).toBe(403);
    const officeSeals = await t.http().post(`/api/v1/rounds/${r.roundId}/my-reply/seal`).set('Authorization', office).send({ draftVersion: 1, signatory: 'x', contactName: 'x', contactPhone: '0571-87000000', seals: [] });
    expect(officeSeals.status).toBe(403);
    const future = await t
      .http()
      .post(`/api/v1/rounds/${r.roundId}/recipients/${finance}/recorded-reply`)
      .set('Authorization', office)
      .send({ channel: 'fax', receivedOn: '2023-06-30', kind: 'no_comment', items: [], signatory: 'x', contactName: 'x', contactPhone: '0571-87000000', seals: [] });
    expect(future.body.code).toBe('RECEIVED_ON_IN_FUTURE');
  });
});

describe('letter attachments (real PostgreSQL)', () => {
  let t: TestApp;
  let r: SeededRound;
  let office: string;
  beforeAll(async () => {
    t = await startTestApp('round-attachments');
    r = await aReferenceRound(t.dataSource, { recipients: ['省财政厅', '宁波市'] });
    office = await t.login('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores the office’s files with SHA-256, typed by content; the units asked list and download them; others cannot', async () => {
    const template = fixture('jiaotong-filled.docx');
    const added = await t.http().post(`/api/v1/rounds/${r.roundId}/attachments`).set('Authorization', office).attach('file', template, '反馈意见表.docx').expect(201);
    expect(added.body).toMatchObject({ name: '反馈意见表.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: template.length });
    expect(added.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const bad = await t.http().post(`/api/v1/rounds/${r.roundId}/attachments`).set('Authorization', office).attach('file', Buffer.from('MZ\x90\x00 an exe'), 'x.pdf');
    expect(bad.body.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    const unit = await t.login('省财政厅.drafter');
    const listed = await t.http().get(`/api/v1/rounds/${r.roundId}/attachments`).set('Authorization', unit).expect(200);
    expect(listed.body).toEqual([added.body]);
    const got = await t.http().get(`/api/v1/rounds/${r.roundId}/attachments/${added.body.id}`).set('Authorization', unit).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(got.body, template)).toBe(0);
    expect((await t.http().post(`/api/v1/rounds/${r.roundId}/attachments`).set('Authorization', unit).attach('file', template, 'x.docx')).status).toBe(403);
    const stranger = await t.login('省公安厅.drafter');
    expect((await t.http().get(`/api/v1/rounds/${r.roundId}/attachments`).set('Authorization', stranger)).status).toBe(404);
  });
});
