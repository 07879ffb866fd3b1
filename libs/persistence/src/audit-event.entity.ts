import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only record of every state change: who did what to which record, and when. */
@Entity('audit_event')
@Index('audit_event_entity_idx', ['entityType', 'entityId'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;

  /** null for the system (workers, timers) */
  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  @Column('text')
  action: string;

  @Column('text')
  entityType: string;

  @Column('text')
  entityId: string;

  @Column('jsonb', { default: () => "'{}'" })
  data: Record<string, unknown>;
}
