import { Unit } from '@zq/directory';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** 政策文件: a document family across its versions (征求意见稿 → 二次征求意见稿 → 送审稿). */
@Entity('policy')
export class Policy {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  title: string;

  /** the drafting office (起草单位), a unit of the directory */
  @Column('uuid', { nullable: true })
  draftingUnitId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'drafting_unit_id' })
  draftingUnit?: Unit | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export const VERSION_STATUSES = ['editing', 'published'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** 征求意见稿 / 二次征求意见稿 / 送审稿: immutable once published or used by a round. */
@Entity('draft_version')
@Index('draft_version_policy_seq_uq', ['policyId', 'seq'], { unique: true })
@Check('draft_version_status_chk', `status IN ('editing','published')`)
export class DraftVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  policyId: string;

  @ManyToOne(() => Policy, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'policy_id' })
  policy?: Policy;

  /** 1, 2, 3… within the policy */
  @Column('int')
  seq: number;

  /** 征求意见稿 / 二次征求意见稿 / 送审稿 … */
  @Column('text')
  label: string;

  /** the document title as printed, e.g. 关于…的意见（二次征求意见稿） */
  @Column('text')
  title: string;

  @Column('text', { default: 'editing' })
  status: VersionStatus;

  /** set when a round is launched on it: from then on its clauses cannot change */
  @Column('timestamptz', { nullable: true })
  lockedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  /** item numbering: 'continuous' across sections or 'per_section' */
  @Column('text', { default: 'continuous' })
  itemNumbering: 'continuous' | 'per_section';

  /** 'txt' | 'docx' | 'derived' (made from an earlier version) */
  @Column('text')
  sourceFormat: string;

  /** the text as imported (kept to show the source beside the parsed tree) */
  @Column('text', { nullable: true })
  sourceText: string | null;

  /** letter facts found on import (deadline, contact, rules, annex units) */
  @Column('jsonb', { nullable: true })
  letter: Record<string, unknown> | null;

  @Column('uuid', { nullable: true })
  derivedFromVersionId: string | null;

  @ManyToOne(() => DraftVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'derived_from_version_id' })
  derivedFrom?: DraftVersion | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
