import { Injectable, StreamableFile } from '@nestjs/common';
import { AccessPolicy, Actor, isOffice } from '@zq/access';
import { UnitOfWork } from '@zq/jobs';
import { MailAttachmentRef, MailAttachmentStore } from '@zq/mail';
import { recordAudit } from '@zq/persistence';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { LetterAttachment, LetterAttachmentOrigin } from './entities/round.entity';
import { ConsultationErrors } from './errors';

export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
const MAX_ATTACHMENTS = 20;

const TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  png: 'image/png',
  jpeg: 'image/jpeg',
} as const;

/** What a letter's attachment is, by its bytes (the client's claimed type and name are not trusted). */
export function sniffAttachmentType(content: Buffer): string | null {
  const head = content.subarray(0, 8);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return TYPES.pdf;
  if (head.equals(Buffer.from('89504e470d0a1a0a', 'hex'))) return TYPES.png;
  if (content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return TYPES.jpeg;
  if (head.equals(Buffer.from('d0cf11e0a1b11ae1', 'hex'))) {
    if (content.includes(Buffer.from('WordDocument', 'utf16le'))) return TYPES.doc;
    if (content.includes(Buffer.from('Workbook', 'utf16le'))) return TYPES.xls;
    return null;
  }
  if (content.length > 4 && content.readUInt32LE(0) === 0x04034b50) {
    // OOXML names its main part in the central directory: word/ or xl/
    if (content.includes(Buffer.from('word/'))) return TYPES.docx;
    if (content.includes(Buffer.from('xl/'))) return TYPES.xlsx;
  }
  return null;
}

/** The store name under which letter mails reference these files. */
export const LETTER_ATTACHMENT_STORE = 'round_attachment_file';

/** A file to store with the letter: an upload, or one generated at launch. */
export interface LetterFile {
  name: string;
  content: Buffer;
  origin: LetterAttachmentOrigin;
}

/** How a letter mail references a stored attachment (the bytes are read when it is sent). */
export const mailRefOf = (a: LetterAttachment & { id: string }): MailAttachmentRef => ({
  filename: a.name,
  contentType: a.mime,
  size: a.size,
  sha256: a.sha256,
  store: LETTER_ATTACHMENT_STORE,
  ref: a.id,
});

const cleanName = (name: string) => (name || '附件').normalize('NFC').replace(/[\u0000-\u001f/\\]/g, '_').slice(0, 200);

/**
 * 附件 of a round's letter: files the office adds (notes, its own tables) and, at launch, the draft as
 * Word and the round's 反馈意见表; stored with their SHA-256, size-limited and typed by content. The
 * letter mails carry them (by reference: mail reads them through MailAttachmentStore when it sends);
 * units asked in the round list and download them in the portal. Removable only before launch.
 */
@Injectable()
export class RoundAttachmentsService implements MailAttachmentStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async add(actor: Actor, roundId: string, file: { originalname: string; buffer: Buffer } | undefined): Promise<LetterAttachment> {
    AccessPolicy.requireOffice(actor);
    if (!file?.buffer?.length) throw ConsultationErrors.attachmentFileRequired({ field: 'file' });
    if (file.buffer.length > ATTACHMENT_MAX_BYTES) throw ConsultationErrors.attachmentTooLarge({ size: file.buffer.length, maxBytes: ATTACHMENT_MAX_BYTES });
    if (!sniffAttachmentType(file.buffer)) throw ConsultationErrors.attachmentTypeNotAllowed({ filename: file.originalname });
    return this.uow.run(async (em) => {
      const [round]: { status: string; attachments: LetterAttachment[] }[] = await em.query(
        `SELECT status, letter_attachments AS attachments FROM consultation_round WHERE id = $1 FOR UPDATE`,
        [roundId],
      );
      if (!round) throw ConsultationErrors.roundNotFound({ roundId });
      if (round.status === 'concluded') throw ConsultationErrors.roundConcludedNoAttachments({ status: round.status });
      if (round.attachments.length >= MAX_ATTACHMENTS) throw ConsultationErrors.attachmentsTooMany(MAX_ATTACHMENTS, { max: MAX_ATTACHMENTS });
      const [meta] = await this.store(em, roundId, [{ name: file.originalname, content: file.buffer, origin: 'office' }], actor.userId);
      await recordAudit(em, { actorUserId: actor.userId, action: 'round.attachment_added', entityType: 'consultation_round', entityId: roundId, data: { ...meta } });
      return meta;
    });
  }

  /**
   * Stores files of the round's letter in the caller's transaction and appends them to its
   * metadata (generated files first: 附件1 is the draft). The caller holds the round's lock.
   */
  async store(em: EntityManager, roundId: string, files: LetterFile[], userId: string | null): Promise<(LetterAttachment & { id: string })[]> {
    if (!files.length) return [];
    const metas: (LetterAttachment & { id: string })[] = [];
    for (const f of files) {
      const mime = sniffAttachmentType(f.content);
      if (!mime) throw ConsultationErrors.attachmentTypeNotAllowed({ filename: f.name });
      const name = cleanName(f.name);
      const sha256 = createHash('sha256').update(f.content).digest('hex');
      const [row]: { id: string }[] = await em.query(
        `INSERT INTO round_attachment_file (round_id, name, mime, size, sha256, content, uploaded_by, origin) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [roundId, name, mime, f.content.length, sha256, f.content, userId, f.origin],
      );
      metas.push({ id: row.id, name, mime, size: f.content.length, sha256, origin: f.origin });
    }
    const generated = metas.filter((m) => m.origin !== 'office');
    const office = metas.filter((m) => m.origin === 'office');
    await em.query(`UPDATE consultation_round SET letter_attachments = $2::jsonb || letter_attachments || $3::jsonb WHERE id = $1`, [
      roundId,
      JSON.stringify(generated),
      JSON.stringify(office),
    ]);
    return metas;
  }

  /** 删除 before launch: once the letters are out, the files are part of what each unit received. */
  async remove(actor: Actor, roundId: string, attachmentId: string): Promise<LetterAttachment[]> {
    AccessPolicy.requireOffice(actor);
    await this.uow.run(async (em) => {
      const [round]: { status: string; attachments: LetterAttachment[] }[] = await em.query(
        `SELECT status, letter_attachments AS attachments FROM consultation_round WHERE id = $1 FOR UPDATE`,
        [roundId],
      );
      if (!round) throw ConsultationErrors.roundNotFound({ roundId });
      const meta = round.attachments.find((a) => a.id === attachmentId);
      if (!meta) throw ConsultationErrors.attachmentNotFound({ attachmentId });
      if (round.status !== 'draft') throw ConsultationErrors.attachmentsLocked({ status: round.status });
      await em.query(`DELETE FROM round_attachment_file WHERE id = $1 AND round_id = $2`, [attachmentId, roundId]);
      await em.query(
        `UPDATE consultation_round SET letter_attachments = coalesce((SELECT jsonb_agg(a) FROM jsonb_array_elements(letter_attachments) a WHERE a->>'id' IS DISTINCT FROM $2), '[]'::jsonb) WHERE id = $1`,
        [roundId, attachmentId],
      );
      await recordAudit(em, { actorUserId: actor.userId, action: 'round.attachment_removed', entityType: 'consultation_round', entityId: roundId, data: { ...meta } });
    });
    return this.list(actor, roundId);
  }

  /** The round's attachments: the office always, a unit once the round is sent to it. */
  async list(actor: Actor, roundId: string): Promise<LetterAttachment[]> {
    return (await this.visibleRound(actor, roundId)).attachments;
  }

  async download(actor: Actor, roundId: string, attachmentId: string): Promise<StreamableFile> {
    const { attachments } = await this.visibleRound(actor, roundId);
    const meta = attachments.find((a) => a.id === attachmentId);
    const [f]: { content: Buffer }[] = meta ? await this.dataSource.query(`SELECT content FROM round_attachment_file WHERE id = $1 AND round_id = $2`, [attachmentId, roundId]) : [];
    if (!meta || !f) throw ConsultationErrors.attachmentNotFound({ attachmentId });
    return new StreamableFile(f.content, {
      type: meta.mime,
      disposition: `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(meta.name)}`,
      length: f.content.length,
    });
  }

  /** MailAttachmentStore: the bytes of the letter's files, for the mails that reference them. */
  async read(refs: MailAttachmentRef[]): Promise<(Buffer | null)[]> {
    const ids = refs.filter((r) => r.store === LETTER_ATTACHMENT_STORE).map((r) => r.ref);
    const rows: { id: string; content: Buffer }[] = ids.length
      ? await this.dataSource.query(`SELECT id, content FROM round_attachment_file WHERE id = ANY($1::uuid[])`, [ids])
      : [];
    const byId = new Map(rows.map((r) => [r.id, r.content]));
    return refs.map((r) => (r.store === LETTER_ATTACHMENT_STORE ? (byId.get(r.ref) ?? null) : null));
  }

  private async visibleRound(actor: Actor, roundId: string): Promise<{ attachments: LetterAttachment[] }> {
    const rows: { attachments: LetterAttachment[] }[] = isOffice(actor)
      ? await this.dataSource.query(`SELECT letter_attachments AS attachments FROM consultation_round WHERE id = $1`, [roundId])
      : await this.dataSource.query(
          `SELECT r.letter_attachments AS attachments FROM consultation_round r JOIN round_recipient rr ON rr.round_id = r.id
            WHERE r.id = $1 AND r.status <> 'draft' AND rr.unit_id = ANY($2::uuid[]) LIMIT 1`,
          [roundId, [actor.unitId, actor.parentUnitId].filter(Boolean)],
        );
    if (!rows[0]) throw isOffice(actor) ? ConsultationErrors.roundNotFound({ roundId }) : ConsultationErrors.roundNotFoundForUnit({ roundId });
    return { attachments: (rows[0].attachments ?? []).filter((a) => a.id).map((a) => ({ ...a, origin: a.origin ?? 'office' })) };
  }
}
