import { ManualClock } from '@zq/common';
import { createPublicKey, verify } from 'node:crypto';
import { statSync } from 'node:fs';
import { Writable } from 'node:stream';
import { verifyRoundCommand } from '../../apps/cli/src/commands/verify-round';
import { aReferenceRound, aScannedLetter, SeededRound } from '../support/feedback-factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The "done when", as one story on the reference round (二次征求意见): four units reply
 * (clause by clause, 无意见, a city bureau with 经市政府同意, a city's general office), the receipts
 * verify, a changed byte is caught for that reply only, and nobody reads another unit's reply.
 */
describe('sealed feedback on the reference round (real PostgreSQL, Redis, SMTP)', () => {
  const clock = new ManualClock(new Date('2023-05-22T10:00:00+08:00'));
  let t: TestApp;
  let r: SeededRound;
  const receipts: Record<string, { submissionId: string; trackingNo: string; receipt: { digest: string; signature: string; keyId: string } }> = {};
  const auth: Record<string, string> = {};

  const as = async (username: string) => (auth[username] ??= await t.login(username));
  const myReply = (roundId: string) => `/api/v1/rounds/${roundId}/my-reply`;
  const upload = async (username: string, label: string) => {
    const res = await t.http().post(`/api/v1/rounds/${r.roundId}/evidence`).set('Authorization', await as(username)).attach('file', aScannedLetter(label), '盖章页.pdf').expect(201);
    return res.body.id as string;
  };
  const saveDraft = async (username: string, body: { baseVersion: number; kind: string; items: unknown[] }) =>
    t.http().put(myReply(r.roundId)).set('Authorization', await as(username)).send(body);
  const seal = async (username: string, body: Record<string, unknown>) =>
    t.http().post(`${myReply(r.roundId)}/seal`).set('Authorization', await as(username)).send(body);

  beforeAll(async () => {
    t = await startTestApp('feedback', { clock });
    r = await aReferenceRound(t.dataSource, { recipients: ['省财政厅', '省公安厅', '省建设厅', '杭州市', '宁波市'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets 省财政厅 reply with two items on clauses 9 and 18 and seal them', async () => {
    const clause9 = r.item(9);
    const clause18 = r.item(18);
    expect(clause9.heading).toBe('加快产业能级提升');
    expect(clause18.heading).toBe('健全长效发展机制');
    const draft = await saveDraft('省财政厅.drafter', {
      baseVersion: 0,
      kind: 'with_comments',
      items: [
        { key: 'a', clauseId: clause9.id, quote: '推动产业用地有机更新', kind: 'modify', proposedText: '推动低效产业用地有机更新', reason: '与土地政策表述一致' },
        { key: 'b', clauseId: clause18.id, quote: '探索建立“投建管运一体化”可持续机制', kind: 'modify', proposedText: '探索建立“投建管运一体化”可持续机制，不新增地方政府隐性债务', reason: '防范债务风险' },
      ],
    }).then((res) => res.body);
    expect(draft).toMatchObject({ version: 1, kind: 'with_comments' });
    const [recipient] = await t.dataSource.query(`SELECT status FROM round_recipient WHERE id = $1`, [r.recipientId('省财政厅')]);
    expect(recipient.status).toBe('drafting');

    const scan = await upload('省财政厅.approver', '省财政厅公章');
    const res = await seal('省财政厅.approver', {
      draftVersion: 1,
      signatory: '王建国',
      contactName: '李明',
      contactPhone: '0571-87050000',
      seals: [{ role: 'unit', evidenceFileId: scan }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'with_comments', revision: 1, itemCount: 2, late: false, lateSeconds: 0 });
    expect(res.body.trackingNo).toMatch(/^R2-省财政厅-\d{4}$/);
    expect(res.body.receipt).toMatchObject({ algorithm: 'Ed25519', canonicalization: 'zq-canonical-json-v1', chainSeq: 1, prevChainHash: null });
    receipts['省财政厅'] = res.body;
    const [after] = await t.dataSource.query(
      `SELECT status, reply_kind, submitted_at, latest_submission_id FROM round_recipient WHERE id = $1`,
      [r.recipientId('省财政厅')],
    );
    expect(after).toMatchObject({ status: 'submitted', reply_kind: 'with_comments', latest_submission_id: res.body.submissionId });
  });

  it('counts 省公安厅’s 无意见 as a full, sealed and signed reply', async () => {
    await saveDraft('省公安厅.drafter', { baseVersion: 0, kind: 'no_comment', items: [] }).then((res) => expect(res.status).toBe(200));
    const scan = await upload('省公安厅.approver', '省公安厅公章');
    const res = await seal('省公安厅.approver', {
      draftVersion: 1,
      signatory: '赵强',
      contactName: '孙丽',
      contactPhone: '0571-87060000',
      seals: [{ role: 'unit', evidenceFileId: scan }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'no_comment', itemCount: 0, receipt: { chainSeq: 2 } });
    receipts['省公安厅'] = res.body;
    const [after] = await t.dataSource.query(`SELECT status, reply_kind FROM round_recipient WHERE id = $1`, [r.recipientId('省公安厅')]);
    expect(after).toEqual({ status: 'submitted', reply_kind: 'no_comment' });
  });

  it('refuses 杭州市建设局’s reply without 经市政府同意, then accepts it with the statement and both seals', async () => {
    const draft = await saveDraft('杭州市建设局.drafter', {
      baseVersion: 0,
      kind: 'with_comments',
      items: [{ key: 'h1', clauseId: r.item(1).id, quote: '加大城镇路网设施建设', kind: 'modify', proposedText: '加快城镇路网设施建设', reason: '与市级规划衔接' }],
    });
    expect(draft.status).toBe(200);
    const scan = await upload('杭州市建设局.approver', '杭州市建设局、杭州市美丽城镇办公章');
    const signoff = { draftVersion: 1, signatory: '钱塘', contactName: '周杭', contactPhone: '0571-85000000' };
    const bothSeals = [
      { role: 'construction_authority', evidenceFileId: scan },
      { role: 'beautiful_towns_office', evidenceFileId: scan },
    ];

    const refused = await seal('杭州市建设局.approver', { ...signoff, seals: bothSeals });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CITY_APPROVAL_REQUIRED');
    expect(refused.body.message).toContain('经市政府同意');

    const oneSeal = await seal('杭州市建设局.approver', { ...signoff, seals: bothSeals.slice(0, 1), attestation: { channel: 'department', statement: '经市政府同意' } });
    expect(oneSeal.status).toBe(422);
    expect(oneSeal.body).toMatchObject({ code: 'SEAL_MISSING', message: '缺少杭州市美丽城镇办的公章', details: { missing: [{ unitName: '杭州市美丽城镇办', role: 'beautiful_towns_office' }] } });

    const res = await seal('杭州市建设局.approver', { ...signoff, seals: bothSeals, attestation: { channel: 'department', statement: '经市政府同意' } });
    expect(res.status).toBe(201);
    expect(res.body.trackingNo).toMatch(/^R2-杭州市-\d{4}$/);
    expect(res.body.receipt.chainSeq).toBe(3);
    receipts['杭州市'] = res.body;
    const [row] = await t.dataSource.query(`SELECT unit_name, acting_unit_name, attestation, seals FROM sealed_submission WHERE id = $1`, [res.body.submissionId]);
    expect(row).toMatchObject({ unit_name: '杭州市', acting_unit_name: '杭州市建设局', attestation: { channel: 'department', statement: '经市政府同意' } });
    expect(row.seals.map((s: { role: string }) => s.role)).toEqual(['construction_authority', 'beautiful_towns_office']);
  });

  it('lets 宁波市政府办公厅 reply for its city directly', async () => {
    await saveDraft('宁波市政府办公厅.approver', { baseVersion: 0, kind: 'no_comment', items: [] }).then((res) => expect(res.status).toBe(200));
    const scan = await upload('宁波市政府办公厅.approver', '宁波市人民政府办公厅公章');
    const res = await seal('宁波市政府办公厅.approver', {
      draftVersion: 1,
      signatory: '甬江',
      contactName: '吴宁',
      contactPhone: '0574-89180000',
      seals: [{ role: 'general_office', evidenceFileId: scan }],
    });
    expect(res.status).toBe(201);
    expect(res.body.trackingNo).toMatch(/^R2-宁波市-\d{4}$/);
    receipts['宁波市'] = res.body;
    const [row] = await t.dataSource.query(`SELECT attestation FROM sealed_submission WHERE id = $1`, [res.body.submissionId]);
    expect(row.attestation).toEqual({ channel: 'general_office', statement: null });
  });

  it('verifies every receipt publicly, and the signature with the published key alone', async () => {
    const key = (await t.http().get('/api/v1/receipts/public-key').expect(200)).body;
    expect(key.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(statSync(t.runtime.config.signingKeyFile).mode & 0o777).toBe(0o600);
    for (const unit of ['省财政厅', '省公安厅', '杭州市', '宁波市']) {
      const receipt = receipts[unit];
      const res = await t.http().get(`/api/v1/receipts/${encodeURIComponent(receipt.trackingNo)}/verify`).query({ code: receipt.receipt.digest.slice(0, 16) }).expect(200);
      expect(res.body).toMatchObject({ valid: true, checks: { digest: true, signature: true, chain: true, content: true }, trackingNo: receipt.trackingNo, unit, digest: receipt.receipt.digest });
      expect(receipt.receipt.keyId).toBe(key.keyId);
      expect(verify(null, Buffer.from(receipt.receipt.digest, 'hex'), createPublicKey(key.publicKeyPem), Buffer.from(receipt.receipt.signature, 'base64'))).toBe(true);
    }
    const unknown = await t.http().get(`/api/v1/receipts/${encodeURIComponent('R2-省财政厅-9999')}/verify`).expect(404);
    expect(unknown.body.code).toBe('RECEIPT_NOT_FOUND');
    // not enumerable: a real number without its 核验码, or with a wrong one, reads exactly like an unknown number
    const real = receipts['省财政厅'];
    const bare = await t.http().get(`/api/v1/receipts/${encodeURIComponent(real.trackingNo)}/verify`).expect(404);
    const wrong = await t.http().get(`/api/v1/receipts/${encodeURIComponent(real.trackingNo)}/verify`).query({ code: '0000000000000000' }).expect(404);
    const unknownWithCode = await t.http().get(`/api/v1/receipts/${encodeURIComponent('R2-省财政厅-9999')}/verify`).query({ code: real.receipt.digest.slice(0, 16) }).expect(404);
    for (const r of [bare, wrong, unknownWithCode]) expect({ ...r.body, details: undefined }).toEqual({ ...unknown.body, details: undefined });
    expect(JSON.stringify(bare.body)).not.toContain('省财政厅-0');
    // the whole digest works as the code too, in any case
    await t.http().get(`/api/v1/receipts/${encodeURIComponent(real.trackingNo)}/verify`).query({ code: real.receipt.digest.toUpperCase() }).expect(200);
  });

  it('mails each unit its 回执 with the tracking number and digest', async () => {
    const [contact] = await t.dataSource.query(`SELECT email FROM unit_contact WHERE unit_id = $1`, [r.unitId('省财政厅')]);
    const deadline = Date.now() + 10_000;
    while (t.smtp.to(contact.email).length === 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
    const [mail] = t.smtp.to(contact.email);
    expect(mail.subject).toContain(receipts['省财政厅'].trackingNo);
    expect(mail.text).toContain(receipts['省财政厅'].receipt.digest);
    const [hzContact] = await t.dataSource.query(`SELECT email FROM unit_contact WHERE unit_id = $1`, [r.unitId('杭州市建设局')]);
    while (t.smtp.to(hzContact.email).length === 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
    expect(t.smtp.to(hzContact.email)[0].text).toContain('杭州市（由杭州市建设局报送）');
  });

  it('lets no other unit read any of it, and never shows drafts to the office', async () => {
    const finance = receipts['省财政厅'].submissionId;
    const police = await as('省公安厅.drafter');
    expect((await t.http().get(`/api/v1/submissions/${finance}`).set('Authorization', police).expect(404)).body.code).toBe('SUBMISSION_NOT_FOUND');
    const own = await t.http().get(`/api/v1/rounds/${r.roundId}/submissions`).set('Authorization', police).expect(200);
    expect(own.body.map((s: { unit: { name: string } }) => s.unit.name)).toEqual(['省公安厅']);

    const builder = await as('省建设厅.drafter');
    const mine = await t.http().get(myReply(r.roundId)).set('Authorization', builder).expect(200);
    expect(mine.body.draft).toMatchObject({ version: 0, items: [] });
    expect((await t.http().get(`/api/v1/rounds/${r.roundId}/submissions`).set('Authorization', builder).expect(200)).body).toEqual([]);

    const ningboTowns = await as('宁波市美丽城镇办.drafter');
    expect((await t.http().get(`/api/v1/submissions/${receipts['宁波市'].submissionId}`).set('Authorization', ningboTowns).expect(200)).body.unit.name).toBe('宁波市');
    await t.http().get(`/api/v1/submissions/${receipts['杭州市'].submissionId}`).set('Authorization', ningboTowns).expect(404);

    const outsider = await as('省教育厅.drafter');
    expect((await t.http().get(myReply(r.roundId)).set('Authorization', outsider).expect(404)).body.code).toBe('ROUND_NOT_FOUND');

    const staff = await as('staff');
    expect((await t.http().get(myReply(r.roundId)).set('Authorization', staff).expect(403)).body.code).toBe('UNIT_USER_ONLY');
    const all = await t.http().get(`/api/v1/rounds/${r.roundId}/submissions`).set('Authorization', staff).expect(200);
    expect(all.body.map((s: { unit: { name: string } }) => s.unit.name)).toEqual(['省财政厅', '省公安厅', '杭州市', '宁波市']);
    const detail = await t.http().get(`/api/v1/submissions/${finance}`).set('Authorization', staff).expect(200);
    expect(detail.body.items.map((i: { clauseLabel: string; kind: string }) => [i.clauseLabel, i.kind])).toEqual([['9.', 'modify'], ['18.', 'modify']]);
    const viewed = await t.dataSource.query(`SELECT actor_user_id FROM audit_event WHERE action = 'submission.viewed' AND entity_id = $1`, [finance]);
    expect(viewed).toHaveLength(1);
  });

  it('refuses an UPDATE or DELETE of a sealed row in PostgreSQL itself', async () => {
    const id = receipts['省财政厅'].submissionId;
    await expect(t.dataSource.query(`UPDATE sealed_submission SET signatory = '伪造' WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM sealed_item WHERE submission_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE sealed_submission CASCADE`)).rejects.toThrow(/append-only/);
  });

  it('fails verification for the one reply whose stored item changed by one character', async () => {
    const id = receipts['省财政厅'].submissionId;
    await t.dataSource.transaction(async (em) => {
      await em.query(`ALTER TABLE sealed_item DISABLE TRIGGER sealed_item_append_only`);
      await em.query(`UPDATE sealed_item SET proposed_text = replace(proposed_text, '低效', '高效') WHERE submission_id = $1 AND position = 1`, [id]);
      await em.query(`ALTER TABLE sealed_item ENABLE TRIGGER sealed_item_append_only`);
    });
    const tampered = await t.http().get(`/api/v1/receipts/${encodeURIComponent(receipts['省财政厅'].trackingNo)}/verify`).query({ code: receipts['省财政厅'].receipt.digest.slice(0, 16) }).expect(200);
    expect(tampered.body).toMatchObject({ valid: false, checks: { digest: true, signature: true, chain: true, content: false } });
    for (const unit of ['省公安厅', '杭州市', '宁波市']) {
      const res = await t.http().get(`/api/v1/receipts/${encodeURIComponent(receipts[unit].trackingNo)}/verify`).query({ code: receipts[unit].receipt.digest.slice(0, 16) }).expect(200);
      expect(res.body.valid).toBe(true);
    }
  });

  it('fails verification when the stored canonical text changes by one byte', async () => {
    const id = receipts['宁波市'].submissionId;
    await t.dataSource.transaction(async (em) => {
      await em.query(`ALTER TABLE sealed_submission DISABLE TRIGGER sealed_submission_append_only`);
      await em.query(`UPDATE sealed_submission SET canonical = replace(canonical, '甬江', '甬汇') WHERE id = $1`, [id]);
      await em.query(`ALTER TABLE sealed_submission ENABLE TRIGGER sealed_submission_append_only`);
    });
    const res = await t.http().get(`/api/v1/receipts/${encodeURIComponent(receipts['宁波市'].trackingNo)}/verify`).query({ code: receipts['宁波市'].receipt.digest.slice(0, 16) }).expect(200);
    expect(res.body).toMatchObject({ valid: false, checks: { digest: false, signature: true, content: true, chain: true } });
  });

  it('has verify-round report the altered replies, then a deleted one, with exit code 1', async () => {
    const env = { DATABASE_URL: t.runtime.databaseUrl, DATA_DIR: t.runtime.config.dataDir, NODE_ENV: 'test', LOG_LEVEL: 'error' };
    const run = async () => {
      let text = '';
      const out = new Writable({ write: (chunk, _enc, done) => ((text += chunk.toString()), done()) });
      const code = await verifyRoundCommand([r.roundId], { env, out, err: out });
      return { code, text };
    };
    const altered = await run();
    expect(altered.code).toBe(1);
    expect(altered.text).toContain(`✗ ${receipts['省财政厅'].trackingNo}`);
    expect(altered.text).toContain(`✗ ${receipts['宁波市'].trackingNo}`);
    expect(altered.text).toContain(`✓ ${receipts['杭州市'].trackingNo}`);
    expect(altered.text).toContain('哈希链：完整');

    await t.dataSource.transaction(async (em) => {
      await em.query(`ALTER TABLE sealed_submission DISABLE TRIGGER sealed_submission_append_only`);
      await em.query(`DELETE FROM sealed_submission WHERE id = $1`, [receipts['省公安厅'].submissionId]);
      await em.query(`ALTER TABLE sealed_submission ENABLE TRIGGER sealed_submission_append_only`);
    });
    const deleted = await run();
    expect(deleted.code).toBe(1);
    expect(deleted.text).toContain('哈希链：断开');
    expect(deleted.text).toContain(`审计记录中有 ${receipts['省公安厅'].trackingNo}`);
    expect(deleted.text).toContain(`✗ ${receipts['杭州市'].trackingNo}`);
    const hz = await t.http().get(`/api/v1/receipts/${encodeURIComponent(receipts['杭州市'].trackingNo)}/verify`).query({ code: receipts['杭州市'].receipt.digest.slice(0, 16) }).expect(200);
    expect(hz.body.checks.chain).toBe(false);
  });
});
