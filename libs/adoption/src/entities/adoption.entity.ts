import { ConsultationRound } from '@zq/consultation';
import { DraftVersion } from '@zq/drafting';
import { SealedItem } from '@zq/feedback';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export const DECISIONS = ['adopted', 'partially_adopted', 'not_adopted', 'noted'] as const;
/** 采纳 / 部分采纳 / 不采纳 / 已在其他条款体现或供参考 */
export type Decision = (typeof DECISIONS)[number];

export const CHANGE_STATUSES = ['applied', 'needs_manual_edit', 'resolved'] as const;
/** applied automatically / marked for a manual edit / the manual edit was made (or judged unnecessary) */
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

/**
 * One change of the next version, per clause: its automatic edits (applied), its proposals left to a
 * person (needs_manual_edit, later resolved), an added or a deleted clause, or a general comment.
 */
@Entity('version_change')
@Index('version_change_round_idx', ['roundId'])
@Index('version_change_to_version_idx', ['toVersionId'])
@Check('version_change_status_chk', `status IN ('applied','needs_manual_edit','resolved')`)
@Check('version_change_kind_chk', `kind IN ('modify','delete','add','other')`)
export class VersionChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  roundId: string;

  @ManyToOne(() => ConsultationRound, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id' })
  round?: ConsultationRound;

  @Column('uuid')
  fromVersionId: string;

  @ManyToOne(() => DraftVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_version_id' })
  fromVersion?: DraftVersion;

  /** regenerating the next version deletes the old one and its changes */
  @Column('uuid')
  toVersionId: string;

  @ManyToOne(() => DraftVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'to_version_id' })
  toVersion?: DraftVersion;

  /** the clause the items were about; null for general comments */
  @Column('uuid', { nullable: true })
  lineageKey: string | null;

  /** for a clause added by the change: the new clause's lineage key */
  @Column('uuid', { nullable: true })
  addedLineageKey: string | null;

  /** modify (text edited) / delete (clause removed) / add (clause added) / other (nothing applied) */
  @Column('text')
  kind: string;

  @Column('text')
  status: ChangeStatus;

  /** why it needs a manual edit: quote_not_found, quote_ambiguous, overlap, …, several */
  @Column('text', { nullable: true })
  manualReason: string | null;

  /** the clause before ('' for an added clause; the quote of a general comment) */
  @Column('text', { default: '' })
  beforeText: string;

  /** the clause in the next version ('' when deleted) */
  @Column('text', { default: '' })
  afterText: string;

  /** the sealed items that caused it */
  @Column('uuid', { array: true })
  itemIds: string[];

  /** which items did what: [{ itemIds, kind, before, after, reason? }] */
  @Column('jsonb', { default: () => "'[]'" })
  edits: { itemIds: string[]; kind: string; before: string; after: string; reason?: string }[];

  @Column('uuid', { nullable: true })
  resolvedBy: string | null;

  @Column('timestamptz', { nullable: true })
  resolvedAt: Date | null;

  @Column('text', { nullable: true })
  resolutionNote: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * 采纳情况: the one current decision on a sealed item. Earlier decisions are kept as audit rows
 * (action disposition.decided, entity sealed_item), not here.
 */
@Entity('disposition')
@Index('disposition_item_uq', ['itemId'], { unique: true })
@Index('disposition_round_idx', ['roundId'])
@Index('disposition_change_idx', ['changeId'])
@Check('disposition_decision_chk', `decision IN ('adopted','partially_adopted','not_adopted','noted')`)
@Check('disposition_reason_chk', `decision IN ('adopted','noted') OR length(btrim(reason)) > 0`)
@Check('disposition_carry_over_chk', `NOT carry_over OR decision IN ('not_adopted','noted')`)
export class Disposition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  roundId: string;

  @ManyToOne(() => ConsultationRound, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id' })
  round?: ConsultationRound;

  @Column('uuid')
  itemId: string;

  @ManyToOne(() => SealedItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id' })
  item?: SealedItem;

  @Column('text')
  decision: Decision;

  /** 理由 / 处理说明 (required when not adopted or partially adopted) */
  @Column('text', { default: '' })
  reason: string;

  /** the wording the office adopts instead of the unit's proposal (部分采纳) */
  @Column('text', { nullable: true })
  editedText: string | null;

  /** unresolved: shown again to the unit in the next round */
  @Column('boolean', { default: false })
  carryOver: boolean;

  /** the change of the next version this decision made (set when the next version is generated) */
  @Column('uuid', { nullable: true })
  changeId: string | null;

  @ManyToOne(() => VersionChange, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'change_id' })
  change?: VersionChange | null;

  @Column('uuid')
  decidedBy: string;

  @Column('timestamptz')
  decidedAt: Date;
}

/** The outcome of a round's adoption: its next version (修改稿 / 送审稿), one per round. */
@Entity('round_adoption')
@Index('round_adoption_round_uq', ['roundId'], { unique: true })
@Index('round_adoption_next_version_idx', ['nextVersionId'])
export class RoundAdoption {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  roundId: string;

  @ManyToOne(() => ConsultationRound, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id' })
  round?: ConsultationRound;

  @Column('uuid')
  nextVersionId: string;

  @ManyToOne(() => DraftVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'next_version_id' })
  nextVersion?: DraftVersion;

  /** a decision changed after the next version was generated: regenerate before concluding */
  @Column('boolean', { default: false })
  stale: boolean;

  @Column('uuid')
  generatedBy: string;

  @Column('timestamptz')
  generatedAt: Date;
}
