import { Injectable, StreamableFile } from '@nestjs/common';
import { AccessPolicy, Actor, isOffice } from '@zq/access';
import { invalidInput, notFound, ruleViolation } from '@zq/common';
import { UnitOfWork } from '@zq/jobs';
import { recordAudit } from '@zq/persistence';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { LetterAttachment } from './entities/round.entity';

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

/**
 * 附件 of a round's letter: files the office adds (the draft as Word, the 反馈意见表, notes), stored
 * with their SHA-256 and size-limited; units asked in the round list and download them in the portal.
 */
@Injectable()
export class RoundAttachmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async add(actor: Actor, roundId: string, file: { originalname: string; buffer: Buffer } | undefined): Promise<LetterAttachment> {
    AccessPolicy.requireOffice(actor);
    if (!file?.buffer?.length) throw invalidInput('ATTACHMENT_FILE_REQUIRED', '请选择要附在征求意见函后的文件', { field: 'file' });
    if (file.buffer.length > ATTACHMENT_MAX_BYTES) throw invalidInput('ATTACHMENT_TOO_LARGE', '附件不能超过 20 MB', { size: file.buffer.length, maxBytes: ATTACHMENT_MAX_BYTES });
    const mime = sniffAttachmentType(file.buffer);
    if (!mime) throw invalidInput('ATTACHMENT_TYPE_NOT_ALLOWED', '附件只能是 PDF、Word、Excel 或图片（PNG/JPEG）文件', { filename: file.originalname });
    const name = (file.originalname || '附件').normalize('NFC').replace(/[\u0000-\u001f/\\]/g, '_').slice(0, 200);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    return this.uow.run(async (em) => {
      const [round]: { status: string; attachments: LetterAttachment[] }[] = await em.query(
        `SELECT status, letter_attachments AS attachments FROM consultation_round WHERE id = $1 FOR UPDATE`,
        [roundId],
      );
      if (!round) throw notFound('ROUND_NOT_FOUND', '征求意见轮次不存在', { roundId });
      if (round.status === 'concluded') throw ruleViolation('ROUND_CONCLUDED', '本轮征求意见已办结，不能再添加附件', { status: round.status });
      if (round.attachments.length >= MAX_ATTACHMENTS) throw ruleViolation('ATTACHMENTS_TOO_MANY', `每轮最多 ${MAX_ATTACHMENTS} 个附件`, { max: MAX_ATTACHMENTS });
      const [row]: { id: string }[] = await em.query(
        `INSERT INTO round_attachment_file (round_id, name, mime, size, sha256, content, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [roundId, name, mime, file.buffer.length, sha256, file.buffer, actor.userId],
      );
      const meta: LetterAttachment = { id: row.id, name, mime, size: file.buffer.length, sha256 };
      await em.query(`UPDATE consultation_round SET letter_attachments = letter_attachments || $2::jsonb WHERE id = $1`, [roundId, JSON.stringify([meta])]);
      await recordAudit(em, { actorUserId: actor.userId, action: 'round.attachment_added', entityType: 'consultation_round', entityId: roundId, data: { ...meta } });
      return meta;
    });
  }

  /** The round's attachments: the office always, a unit once the round is sent to it. */
  async list(actor: Actor, roundId: string): Promise<LetterAttachment[]> {
    return (await this.visibleRound(actor, roundId)).attachments;
  }

  async download(actor: Actor, roundId: string, attachmentId: string): Promise<StreamableFile> {
    const { attachments } = await this.visibleRound(actor, roundId);
    const meta = attachments.find((a) => a.id === attachmentId);
    const [f]: { content: Buffer }[] = meta ? await this.dataSource.query(`SELECT content FROM round_attachment_file WHERE id = $1 AND round_id = $2`, [attachmentId, roundId]) : [];
    if (!meta || !f) throw notFound('ATTACHMENT_NOT_FOUND', '附件不存在', { attachmentId });
    return new StreamableFile(f.content, {
      type: meta.mime,
      disposition: `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(meta.name)}`,
      length: f.content.length,
    });
  }

  private async visibleRound(actor: Actor, roundId: string): Promise<{ attachments: LetterAttachment[] }> {
    const rows: { attachments: LetterAttachment[] }[] = isOffice(actor)
      ? await this.dataSource.query(`SELECT letter_attachments AS attachments FROM consultation_round WHERE id = $1`, [roundId])
      : await this.dataSource.query(
          `SELECT r.letter_attachments AS attachments FROM consultation_round r JOIN round_recipient rr ON rr.round_id = r.id
            WHERE r.id = $1 AND r.status <> 'draft' AND rr.unit_id = ANY($2::uuid[]) LIMIT 1`,
          [roundId, [actor.unitId, actor.parentUnitId].filter(Boolean)],
        );
    if (!rows[0]) throw notFound('ROUND_NOT_FOUND', '征求意见轮次不存在，或本单位不在本轮征求范围内', { roundId });
    return { attachments: (rows[0].attachments ?? []).filter((a) => a.id) };
  }
}
