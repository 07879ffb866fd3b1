import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A file the office sends with the round's letter (附件): stored with its SHA-256; its metadata is in consultation_round.letter_attachments. */
@Entity('round_attachment_file')
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

  @Column('uuid', { nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  uploadedAt: Date;
}
