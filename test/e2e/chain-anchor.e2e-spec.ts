import { ManualClock } from '@zq/common';
import { appendFile, readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { verifyRoundCommand } from '../../apps/cli/src/commands/verify-round';
import { aReferenceRound, aScannedLetter, SeededRound } from '../support/feedback-factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The chain has an anchor outside the database: deleting the newest sealed reply together with its
 * audit rows (every trigger off, as a superuser can) no longer leaves verify-round at exit 0.
 */
describe('chain head anchored outside the database (real PostgreSQL, Redis, SMTP)', () => {
  const clock = new ManualClock(new Date('2023-05-22T10:00:00+08:00'));
  const units = ['省财政厅', '省公安厅', '省建设厅'];
  let t: TestApp;
  let r: SeededRound;
  const sealed: Record<string, { submissionId: string; trackingNo: string; receipt: { digest: string; chainSeq: number; chainHash: string } }> = {};

  const verifyRound = async () => {
    const env = { DATABASE_URL: t.runtime.databaseUrl, DATA_DIR: t.runtime.config.dataDir, NODE_ENV: 'test', LOG_LEVEL: 'error' };
    let text = '';
    const out = new Writable({ write: (chunk, _enc, done) => ((text += chunk.toString()), done()) });
    const code = await verifyRoundCommand([r.roundId], { env, out, err: out });
    return { code, text };
  };
  const verifyReceipt = (unit: string) =>
    t.http().get(`/api/v1/receipts/${encodeURIComponent(sealed[unit].trackingNo)}/verify`).query({ code: sealed[unit].receipt.digest.slice(0, 16) });

  beforeAll(async () => {
    t = await startTestApp('chain-anchor', { clock });
    r = await aReferenceRound(t.dataSource, { recipients: units });
    for (const unit of units) {
      const drafter = await t.login(`${unit}.drafter`);
      const approver = await t.login(`${unit}.approver`);
      await t.http().put(`/api/v1/rounds/${r.roundId}/my-reply`).set('Authorization', drafter).send({ baseVersion: 0, kind: 'no_comment', items: [] }).expect(200);
      const scan = await t.http().post(`/api/v1/rounds/${r.roundId}/evidence`).set('Authorization', approver).attach('file', aScannedLetter(`${unit}公章`), '盖章页.pdf').expect(201);
      const res = await t
        .http()
        .post(`/api/v1/rounds/${r.roundId}/my-reply/seal`)
        .set('Authorization', approver)
        .send({ draftVersion: 1, signatory: '签发人', contactName: '联系人', contactPhone: '0571-87000000', seals: [{ role: 'unit', evidenceFileId: scan.body.id }] })
        .expect(201);
      sealed[unit] = res.body;
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logs every seal outside the database, signed, and prints the chain head into the 回执 mail', async () => {
    expect(units.map((u) => sealed[u].receipt.chainSeq)).toEqual([1, 2, 3]);
    const lines = (await readFile(t.runtime.config.chainHeadLogFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.roundId, l.chainSeq, l.trackingNo, l.chainHash])).toEqual(units.map((u) => [r.roundId, sealed[u].receipt.chainSeq, sealed[u].trackingNo, sealed[u].receipt.chainHash]));
    for (const l of lines) expect(l.sig).toMatch(/^[A-Za-z0-9+/]{86}==$/);

    const [contact] = await t.dataSource.query(`SELECT email FROM unit_contact WHERE unit_id = $1`, [r.unitId('省建设厅')]);
    const deadline = Date.now() + 10_000;
    while (t.smtp.to(contact.email).length === 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
    const [mail] = t.smtp.to(contact.email);
    expect(mail.text).toContain(`本轮哈希链：第 3 份，链头 ${sealed['省建设厅'].receipt.chainHash}`);
  });

  it('verifies the intact round against the log (exit 0)', async () => {
    const intact = await verifyRound();
    expect(intact.code).toBe(0);
    expect(intact.text).toContain('库外链头记录：一致');
    expect(intact.text).toContain(`最新链头为第 3 份 ${sealed['省建设厅'].trackingNo}`);
    for (const unit of units) expect((await verifyReceipt(unit).expect(200)).body).toMatchObject({ valid: true, stored: true });
  });

  it('fails verify-round (exit 1) naming the newest reply deleted with its audit rows, triggers off', async () => {
    const newest = sealed['省建设厅'];
    await t.dataSource.transaction(async (em) => {
      const [{ superuser }] = await em.query(`SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`);
      expect(superuser).toBe(true);
      await em.query(`SET LOCAL session_replication_role = replica`); // every trigger off, foreign keys included
      await em.query(`DELETE FROM audit_event WHERE entity_id = $1 OR data->>'trackingNo' = $2`, [newest.submissionId, newest.trackingNo]);
      await em.query(`DELETE FROM sealed_submission WHERE id = $1`, [newest.submissionId]);
    });
    // inside the database nothing is left to tell: the chain and the audit agree on two seals
    const [{ audit }] = await t.dataSource.query(`SELECT count(*)::int AS audit FROM audit_event WHERE action = 'submission.sealed' AND data->>'roundId' = $1`, [r.roundId]);
    expect(audit).toBe(2);

    const report = await verifyRound();
    expect(report.code).toBe(1);
    expect(report.text).toContain('哈希链：断开');
    expect(report.text).toContain(`库外链头记录（链序号 3）中有 ${newest.trackingNo}，但该反馈已不在库中（其审计记录也已删除）`);
    expect(report.text).toContain(`最新链头是第 3 份（${newest.trackingNo}），库中的链只到第 2 份：链尾被删除`);
    expect(report.text).toContain('结论：验证未通过');

    // the API: every remaining receipt of the round fails its chain check, the deleted one says it was deleted
    for (const unit of ['省财政厅', '省公安厅']) {
      expect((await verifyReceipt(unit).expect(200)).body).toMatchObject({ valid: false, stored: true, checks: { digest: true, signature: true, content: true, chain: false } });
    }
    const gone = await verifyReceipt('省建设厅').expect(200);
    expect(gone.body).toMatchObject({ valid: false, stored: false, trackingNo: newest.trackingNo, unit: '省建设厅', chainSeq: 3, digest: newest.receipt.digest });
    // without its 核验码 the deleted receipt still reads like an unknown number (nothing enumerable)
    const bare = await t.http().get(`/api/v1/receipts/${encodeURIComponent(newest.trackingNo)}/verify`).query({ code: '0000000000000000' }).expect(404);
    expect(bare.body.code).toBe('RECEIPT_NOT_FOUND');
  });

  it('counts a forged line in the log (not signed by the server key) as a failure', async () => {
    await appendFile(
      t.runtime.config.chainHeadLogFile,
      `${JSON.stringify({ v: 1, at: new Date().toISOString(), roundId: r.roundId, chainSeq: 9, chainHash: '0'.repeat(64), trackingNo: 'R2-省财政厅-9999', digest: '0'.repeat(64), unit: '省财政厅', actingUnit: '省财政厅', sealedAt: new Date().toISOString(), keyId: sealed['省财政厅'].receipt.chainHash.slice(0, 16), sig: 'A'.repeat(86) + '==' })}\n`,
    );
    const report = await verifyRound();
    expect(report.code).toBe(1);
    expect(report.text).toContain('库外链头记录中有 1 行本轮记录的签名不成立');
  });
});
