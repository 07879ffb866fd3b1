import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LetterAttachmentOrigin } from './round.entity';

/** A file the office sends with the round's letter (附件): stored with its SHA-256; its metadata is in consultation_round.letter_attachments. */
@Entity('round_attachment_file')
@Check('round_attachment_file_origin_chk', `origin IN ('office','draft','template')`)
@Index('round_attachment_file_round_idx', ['roundId'])
export class RoundAttachmentFile {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_round_attachment_file' })
  id: string;

  @Column('uuid')
  roundId: string;

  @Column('text')
  name: string;

  @Column('text')
  mime: string;

  @Column('int')
  size: number;

  @Column('text')
  sha256: string;

  @Column('bytea', { select: false })
  content: Buffer;

  /** the office's upload, or generated at launch (draft / template) */
  @Column('text', { default: 'office' })
  origin: LetterAttachmentOrigin;

  @Column('uuid', { nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  uploadedAt: Date;
}
