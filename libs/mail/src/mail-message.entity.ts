import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { MailAttachmentRef } from './mail-attachments';

export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * One e-mail, rendered when it was decided and kept after it was sent: the record of what was
 * sent to whom, when and why (it is the evidence of 催办).
 */
@Entity('mail_message')
@Check('mail_message_status_chk', `status IN ('queued','sending','sent','failed')`)
@Index('mail_message_round_idx', ['roundId', 'createdAt'])
@Index('mail_message_unfinished_idx', ['createdAt'], { where: `status IN ('queued', 'sending')` })
export class MailMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** what this mail is, deterministic: the same decision never renders two mails */
  @Column('text', { unique: true })
  dedupeKey: string;

  /** letter / reminder / escalation / receipt / invitation / returned / manual_reminder … */
  @Column('text')
  purpose: string;

  @Column('uuid', { nullable: true })
  roundId: string | null;

  @Column('uuid', { nullable: true })
  unitId: string | null;

  @Column('text')
  toAddress: string;

  @Column('text', { default: '' })
  toName: string;

  @Column('text')
  subject: string;

  @Column('text')
  textBody: string;

  @Column('text', { nullable: true })
  htmlBody: string | null;

  /** files the mail carries, by reference (read from their store and checked by SHA-256 when sent) */
  @Column('jsonb', { default: () => "'[]'" })
  attachments: MailAttachmentRef[];

  /** deterministic Message-ID, so a resend after a crash is recognisable as the same mail */
  @Column('text', { unique: true })
  messageId: string;

  @Column('text', { default: 'queued' })
  status: MailStatus;

  @Column('int', { default: 0 })
  attempts: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  claimedAt: Date | null;

  /** a claim ('sending') holds until then; past it, whoever finds the row re-sends it (same Message-ID) */
  @Column('timestamptz', { nullable: true })
  leaseUntil: Date | null;

  /** first failed attempt of the current run of failures; retried until MAIL_RETRY_HOURS after it */
  @Column('timestamptz', { nullable: true })
  failingSince: Date | null;

  /** the queue job that should send it (null: `mail.<id>`); the sweep replaces a job that is gone */
  @Column('text', { nullable: true })
  jobId: string | null;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;

  @Column('text', { nullable: true })
  lastError: string | null;
}
