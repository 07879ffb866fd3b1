import { ManualClock } from '@zq/common';
import { ReceiptService } from '@zq/feedback';
import { aReferenceRound, aScannedLetter, SeededRound } from '../support/feedback-factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Two API processes seal into one round's hash chain. Each process places a batch where it last saw the
 * chain end and lets one statement check that; when the other process has sealed since, the guess is wrong
 * and the batch must be placed again on the head it locked. Whatever the interleaving, the chain has no
 * gap and no fork, and every receipt verifies.
 */
describe('one round sealed by two API processes (real PostgreSQL)', () => {
  const clock = new ManualClock(new Date('2023-05-22T10:00:00+08:00'));
  const UNITS = ['省财政厅', '省公安厅', '省建设厅', '省自然资源厅', '省农业农村厅', '省生态环境厅'];
  let a: TestApp;
  let b: TestApp;
  let r: SeededRound;

  beforeAll(async () => {
    a = await startTestApp('seal_chain_a', { clock, workers: false });
    // the second process: the same database, signing key and chain head log (as two replicas behind one balancer)
    b = await startTestApp('seal_chain_b', {
      clock,
      workers: false,
      env: {
        DATABASE_URL: a.runtime.databaseUrl,
        SIGNING_KEY_FILE: a.runtime.config.signingKeyFile,
        CHAIN_HEAD_LOG_FILE: a.runtime.config.chainHeadLogFile,
      },
    });
    r = await aReferenceRound(a.dataSource, { recipients: UNITS });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** the unit's drafter saves a one-item draft, its approver uploads the scan; the seal request is returned unsent */
  const ready = async (via: TestApp, unit: string, revision: number) => {
    const drafter = await via.login(`${unit}.drafter`);
    const approver = await via.login(`${unit}.approver`);
    const base = `/api/v1/rounds/${r.roundId}/my-reply`;
    const clause = r.item(9);
    const draft = await via
      .http()
      .put(base)
      .set('Authorization', drafter)
      .send({
        baseVersion: revision - 1,
        kind: 'with_comments',
        items: [{ key: 'a', clauseId: clause.id, quote: '推动产业用地有机更新', kind: 'modify', proposedText: `推动低效产业用地有机更新（${unit}第${revision}稿）`, reason: '与土地政策表述一致' }],
      })
      .expect(200);
    const scan = await via.http().post(`/api/v1/rounds/${r.roundId}/evidence`).set('Authorization', approver).attach('file', aScannedLetter(`${unit}公章${revision}`), '盖章页.pdf').expect(201);
    return () =>
      via
        .http()
        .post(`${base}/seal`)
        .set('Authorization', approver)
        .send({ draftVersion: draft.body.version, signatory: '王建国', contactName: '李明', contactPhone: '0571-87050000', seals: [{ role: 'unit', evidenceFileId: scan.body.id }] });
  };

  it('keeps one gapless chain when the two processes take turns and when they seal at the same moment', async () => {
    const seqs: number[] = [];
    // turns: a, b, a, b — after the first, each process's idea of the chain's end is one seal behind
    for (const [i, unit] of UNITS.slice(0, 4).entries()) {
      const res = await (await ready(i % 2 ? b : a, unit, 1))();
      expect(res.status).toBe(201);
      seqs.push(res.body.receipt.chainSeq);
    }
    expect(seqs).toEqual([1, 2, 3, 4]);

    // at once: two seals in each process, both processes racing for the chain lock
    const sends = await Promise.all([
      ready(a, UNITS[4], 1),
      ready(b, UNITS[5], 1),
      ready(a, UNITS[0], 2),
      ready(b, UNITS[1], 2),
    ]);
    const results = await Promise.all(sends.map((send) => send()));
    expect(results.map((res) => res.status)).toEqual([201, 201, 201, 201]);
    expect(results.map((res) => res.body.receipt.chainSeq).sort((x, y) => x - y)).toEqual([5, 6, 7, 8]);

    const rows: { chain_seq: number; prev_chain_hash: string | null; chain_hash: string }[] = await a.dataSource.query(
      `SELECT chain_seq, prev_chain_hash, chain_hash FROM sealed_submission WHERE round_id = $1 ORDER BY chain_seq`,
      [r.roundId],
    );
    expect(rows.map((row) => row.chain_seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    rows.forEach((row, i) => expect(row.prev_chain_hash).toBe(i ? rows[i - 1].chain_hash : null));
    // each receipt's chain position is the stored one, and the whole round verifies from either process
    for (const res of results) {
      expect(rows[res.body.receipt.chainSeq - 1].chain_hash).toBe(res.body.receipt.chainHash);
    }
    const verdict = await b.app.get(ReceiptService).verifyRound(r.roundId);
    expect(verdict.ok).toBe(true);
    expect(verdict.submissions).toHaveLength(8);

    // a batch placed on a wrong guess wrote no 回执: each submission has its mails once, saying where it
    // really is in the chain, each with one send job
    const mails: { chain_seq: number; chain_hash: string; digest: string; text_body: string; jobs: number }[] = await a.dataSource.query(
      `SELECT s.chain_seq, s.chain_hash, s.digest, m.text_body,
              (SELECT count(*)::int FROM outbox o WHERE o.job_id = 'mail.' || m.id AND o.payload->>'mailId' = m.id::text) AS jobs
         FROM sealed_submission s JOIN mail_message m ON m.dedupe_key = 'receipt.' || s.id OR m.dedupe_key LIKE 'receipt.' || s.id || '.%'
        WHERE s.round_id = $1 ORDER BY s.chain_seq, m.dedupe_key`,
      [r.roundId],
    );
    expect([...new Set(mails.map((m) => m.chain_seq))]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const m of mails) {
      expect(m.text_body).toContain(m.digest);
      expect(m.text_body).toContain(`第 ${m.chain_seq} 份，链头 ${m.chain_hash}`);
      expect(m.jobs).toBe(1);
    }
    const [{ receipts }] = await a.dataSource.query(`SELECT count(*)::int AS receipts FROM mail_message WHERE purpose = 'receipt' AND round_id = $1`, [r.roundId]);
    expect(receipts).toBe(mails.length);
  });
});
