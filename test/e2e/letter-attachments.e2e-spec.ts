import { ManualClock } from '@zq/common';
import { parseReply } from '@zq/feedback';
import JSZip from 'jszip';
import { createHash } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { aRound, importReferenceDraft, LETTER_DAY, received, settle, unitIds } from '../support/round-factories';
import { startTestApp, TestApp } from '../support/test-app';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const binary = (res: { on: Function }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
/** a small but real PDF (the store types files by their bytes) */
const aPdf = (label: string) => Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${label}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
const NOTE = '附件3：《实施细则》起草说明.pdf';

interface Attachment {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  origin: string;
}

/**
 * 附件 of the letter travel with the letter mail: the draft as Word, the round's 反馈意见表 and the
 * office's own files reach each unit through a real SMTP server, Chinese file names intact and the
 * bytes identical to what the portal serves; a re-send carries the same files.
 */
describe('letter attachments in the letter mail (real PostgreSQL, Redis, SMTP)', () => {
  const clock = new ManualClock(LETTER_DAY);
  let t: TestApp;
  let office: string;
  let roundId: string;
  let units: Map<string, string>;
  const note = aPdf('起草说明');

  beforeAll(async () => {
    t = await startTestApp('letter-attachments', { clock });
    office = await t.login('staff');
    units = await unitIds(t);
    const versionId = await importReferenceDraft(t, office);
    const created = await t.http().post('/api/v1/rounds').set('Authorization', office).send(
        aRound(versionId, [units.get('省财政厅')!, units.get('宁波市')!], {
          cityApproval: { required: true, generalOfficeSuffices: true, requiredSeals: ['construction_authority', 'beautiful_towns_office'] },
        }),
      )
      .expect(201);
    roundId = created.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const list = async (auth = office): Promise<Attachment[]> => (await t.http().get(`/api/v1/rounds/${roundId}/attachments`).set('Authorization', auth).expect(200)).body;

  it('before launch the office adds its files (typed by content, size-limited) and removes one it does not want', async () => {
    const kept = await t.http().post(`/api/v1/rounds/${roundId}/attachments`).set('Authorization', office).attach('file', note, NOTE).expect(201);
    expect(kept.body).toMatchObject({ name: NOTE, mime: 'application/pdf', size: note.length, sha256: sha256(note), origin: 'office' });
    const wrong = await t.http().post(`/api/v1/rounds/${roundId}/attachments`).set('Authorization', office).attach('file', aPdf('错的'), '错传的文件.pdf').expect(201);
    const text = await t.http().post(`/api/v1/rounds/${roundId}/attachments`).set('Authorization', office).attach('file', Buffer.from('只是文字'), '说明.pdf');
    expect(text.status).toBe(400);
    expect(text.body.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect(text.body.message).toMatch(/附件只能是/);
    const left = await t.http().delete(`/api/v1/rounds/${roundId}/attachments/${wrong.body.id}`).set('Authorization', office).expect(200);
    expect(left.body.map((a: Attachment) => a.name)).toEqual([NOTE]);
    const again = await t.http().delete(`/api/v1/rounds/${roundId}/attachments/${wrong.body.id}`).set('Authorization', office);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('ATTACHMENT_NOT_FOUND');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM round_attachment_file WHERE round_id = $1`, [roundId]);
    expect(n).toBe(1);
  });

  let letters: ParsedMail[];
  let attachments: Attachment[];

  it('each letter mail carries the draft as Word, the 反馈意见表 and the office’s file: names in Chinese, bytes as stored (SHA-256)', async () => {
    await t.http().post(`/api/v1/rounds/${roundId}/coverage/acknowledge`).set('Authorization', office).send({}).expect(200);
    await t.http().post(`/api/v1/rounds/${roundId}/launch`).set('Authorization', office).send({}).expect(200);
    await settle(t, roundId, clock.now());
    letters = received(t, 'letter');
    expect(letters).toHaveLength(2);
    attachments = await list();
    expect(attachments.map((a) => a.origin)).toEqual(['draft', 'template', 'office']);
    expect(attachments[0].name).toMatch(/美丽城镇.*\.docx$/);
    expect(attachments[1].name).toBe('反馈意见表.docx');
    for (const mail of letters) {
      expect(mail.attachments.map((a) => a.filename)).toEqual(attachments.map((a) => a.name));
      expect(mail.attachments.map((a) => sha256(a.content))).toEqual(attachments.map((a) => a.sha256));
      expect(mail.attachments.map((a) => a.contentType)).toEqual(attachments.map((a) => a.mime));
      expect(mail.text).toContain(`附件：1. ${attachments[0].name}；2. 反馈意见表.docx；3. ${NOTE}`);
    }
    // the template that went out reads back through the parser (blank: nothing to record yet)
    const tree = (await t.http().get(`/api/v1/rounds/${roundId}`).set('Authorization', office).expect(200)).body;
    const clauses = (await t.http().get(`/api/v1/versions/${tree.versionId}`).set('Authorization', office).expect(200)).body.clauses;
    await expect(parseReply(letters[0].attachments[1].content, clauses)).rejects.toMatchObject({ code: 'REPLY_EMPTY' });
    // it names the round and the draft, and carries the 经市政府同意 line to tick only when the round asks cities for it
    const xml = await (await JSZip.loadAsync(letters[0].attachments[1].content)).file('word/document.xml')!.async('string');
    expect(xml.includes('关于征求《测试稿》意见的函')).toBe(true);
    expect(tree.rules.cityApproval.required).toBe(true);
    expect(xml.includes('已经市政府同意')).toBe(true);
    // the mail rows reference the files; they do not hold them
    const rows: { size: number; refs: number }[] = await t.dataSource.query(
      `SELECT octet_length(attachments::text) AS size, jsonb_array_length(attachments) AS refs FROM mail_message WHERE round_id = $1 AND purpose = 'letter'`,
      [roundId],
    );
    expect(rows.map((r) => r.refs)).toEqual([3, 3]);
    for (const r of rows) expect(r.size).toBeLessThan(2000);
  });

  it('the unit lists and downloads the same files in the portal; after launch the office can no longer remove them', async () => {
    const finance = await t.login('省财政厅.drafter');
    expect(await list(finance)).toEqual(attachments);
    for (const a of attachments) {
      const got = await t.http().get(`/api/v1/rounds/${roundId}/attachments/${a.id}`).set('Authorization', finance).buffer(true).parse(binary).expect(200);
      expect(sha256(got.body)).toBe(a.sha256);
      expect(got.headers['content-disposition']).toContain(encodeURIComponent(a.name));
    }
    const locked = await t.http().delete(`/api/v1/rounds/${roundId}/attachments/${attachments[2].id}`).set('Authorization', office);
    expect(locked.status).toBe(422);
    expect(locked.body.code).toBe('ATTACHMENTS_LOCKED');
    expect((await t.http().delete(`/api/v1/rounds/${roundId}/attachments/${attachments[2].id}`).set('Authorization', finance)).status).toBe(403);
  });

  it('a letter re-sent (same Message-ID) carries exactly the same attachments', async () => {
    const [mail]: { id: string; message_id: string }[] = await t.dataSource.query(
      `SELECT id, message_id FROM mail_message WHERE round_id = $1 AND purpose = 'letter' AND unit_id = $2`,
      [roundId, units.get('省财政厅')],
    );
    // as if the SMTP answer was lost: the row is failed, the office resends it from the mail log
    await t.dataSource.query(`UPDATE mail_message SET status = 'failed', last_error = 'lost' WHERE id = $1`, [mail.id]);
    const before = t.smtp.messages.length;
    await t.http().post(`/api/v1/rounds/${roundId}/mails/${mail.id}/resend`).set('Authorization', office).expect(202);
    await t.smtp.waitFor(before + 1, 15_000);
    const resent = t.smtp.messages[before];
    expect(resent.messageId).toBe(mail.message_id);
    expect(resent.attachments.map((a) => [a.filename, sha256(a.content)])).toEqual(attachments.map((a) => [a.name, a.sha256]));
  });

  it('a mail whose file is gone or altered fails for good, naming the file, instead of going out without it', async () => {
    const [mail]: { id: string }[] = await t.dataSource.query(`SELECT id FROM mail_message WHERE round_id = $1 AND purpose = 'letter' AND unit_id = $2`, [roundId, units.get('宁波市')]);
    await t.dataSource.query(
      `UPDATE mail_message SET status = 'failed', attachments = jsonb_set(attachments, '{2,sha256}', to_jsonb(repeat('0', 64))) WHERE id = $1`,
      [mail.id],
    );
    const before = t.smtp.messages.length;
    await t.http().post(`/api/v1/rounds/${roundId}/mails/${mail.id}/resend`).set('Authorization', office).expect(202);
    const until = Date.now() + 15_000;
    let row: { status: string; last_error: string | null } = { status: '', last_error: null };
    while (Date.now() < until) {
      [row] = await t.dataSource.query(`SELECT status, last_error FROM mail_message WHERE id = $1`, [mail.id]);
      if (row.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(row.status).toBe('failed');
    expect(row.last_error).toContain(NOTE);
    expect(t.smtp.messages.length).toBe(before);
  });
});
