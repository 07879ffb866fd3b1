import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Work to hand to BullMQ once the transaction that wrote it commits. Rows written in a
 * rolled-back transaction vanish with it, so nothing is sent for work that did not happen.
 */
@Entity('outbox')
@Index('outbox_pending_idx', ['availableAt'], { where: 'relayed_at IS NULL' })
export class OutboxEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column('text')
  queue: string;

  @Column('text')
  jobName: string;

  /** deterministic, so a relay that runs twice adds the job once */
  @Column('text', { unique: true })
  jobId: string;

  /** ids only: handlers reload state from PostgreSQL */
  @Column('jsonb')
  payload: Record<string, string | number | boolean | null>;

  /** when the job becomes due (delayed jobs) */
  @Column('timestamptz')
  availableAt: Date;

  @Column('timestamptz', { nullable: true })
  relayedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
