import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const REMINDER_STATUSES = ['scheduled', 'sent', 'skipped', 'cancelled'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/**
 * 催办: one planned reminder for one recipient. PostgreSQL is the source of truth: the delayed
 * BullMQ job carries only this row's id and can be rebuilt from it after a Redis flush.
 */
@Entity('reminder')
@Index('reminder_recipient_slot_gen_uq', ['recipientId', 'slot', 'generation'], { unique: true })
@Index('reminder_pending_idx', ['dueAt'], { where: `status = 'scheduled'` })
@Index('reminder_round_idx', ['roundId'])
// the relay's work list: rows whose delayed job has not been handed to the queue yet
@Index('reminder_unenqueued_idx', ['id'], { where: `status = 'scheduled' AND enqueued_at IS NULL` })
@Check('reminder_status_chk', `status IN ('scheduled','sent','skipped','cancelled')`)
@Check('reminder_kind_chk', `kind IN ('before_deadline','deadline_day','overdue','escalation','manual')`)
export class Reminder {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column('uuid')
  roundId: string;

  @Column('uuid')
  recipientId: string;

  @Column('uuid')
  unitId: string;

  /** before-3, before-1, deadline, overdue-1…, escalation, manual-<n> */
  @Column('text')
  slot: string;

  /** bumped when an extension re-plans the recipient's reminders; the old rows are cancelled */
  @Column('int', { default: 0 })
  generation: number;

  @Column('text')
  kind: string;

  @Column('timestamptz')
  dueAt: Date;

  @Column('text', { default: 'scheduled' })
  status: ReminderStatus;

  /** when the delayed job was handed to the queue backend (null: not yet, or lost and to rebuild) */
  @Column('timestamptz', { nullable: true })
  enqueuedAt: Date | null;

  /** when a worker claimed it (sent or skipped) */
  @Column('timestamptz', { nullable: true })
  firedAt: Date | null;

  /** why it was skipped or cancelled (replied, exempted, round closed, extension) */
  @Column('text', { nullable: true })
  outcome: string | null;

  /** the mail this reminder produced */
  @Column('uuid', { nullable: true })
  mailId: string | null;

  /** office user who asked for a manual 催办 */
  @Column('uuid', { nullable: true })
  requestedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
