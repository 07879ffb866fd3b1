import { Unit } from '@zq/directory';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ITEM_KINDS = ['modify', 'delete', 'add', 'other'] as const;
/** 修改 / 删除 / 新增 / 其他 */
export type ItemKind = (typeof ITEM_KINDS)[number];

export interface DraftItem {
  /** client-side id, stable across autosaves */
  key: string;
  /** null: a general comment not tied to a clause */
  clauseId: string | null;
  quote: string;
  kind: ItemKind;
  proposedText: string;
  reason: string;
}

/** A unit's reply while it is written: autosaved, visible only to that unit, guarded by a version number. */
@Entity('feedback_draft')
@Index('feedback_draft_recipient_uq', ['recipientId'], { unique: true })
@Check('feedback_draft_kind_chk', `kind IN ('with_comments','no_comment')`)
export class FeedbackDraft {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  roundId: string;

  @Column('uuid')
  recipientId: string;

  @Column('uuid')
  unitId: string;

  @Column('text', { default: 'with_comments' })
  kind: 'with_comments' | 'no_comment';

  @Column('jsonb', { default: () => "'[]'" })
  items: DraftItem[];

  /** optimistic concurrency: an edit based on an older version is refused, not overwritten */
  @Column('int', { default: 1 })
  version: number;

  @Column('uuid', { nullable: true })
  updatedBy: string | null;

  /** 提交签发: when and by whom which version was handed to the approver */
  @Column('timestamptz', { nullable: true })
  handedOverAt: Date | null;

  @Column('uuid', { nullable: true })
  handedOverBy: string | null;

  @Column('int', { nullable: true })
  handedOverVersion: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** An uploaded scan of the stamped letter (PDF or image), kept with its SHA-256. */
@Entity('evidence_file')
@Index('evidence_file_round_unit_idx', ['roundId', 'unitId'])
export class EvidenceFile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  roundId: string;

  @Column('uuid')
  unitId: string;

  @Column('text')
  filename: string;

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

/** How a reply reached the office: sealed by the unit in the portal, or 代为录入 from a letter received on paper / through OA / by fax / by e-mail. */
export const SUBMISSION_CHANNELS = ['portal', 'paper', 'oa_exchange', 'fax', 'email'] as const;
export type SubmissionChannel = (typeof SUBMISSION_CHANNELS)[number];

export const SUBMISSION_KINDS = ['with_comments', 'no_comment', 'withdrawal'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

export interface Attestation {
  /** general_office: sent by 市政府办公厅（室）; department: a city bureau with 经市政府同意 */
  channel: 'general_office' | 'department';
  statement: string | null;
}

export interface SealApplied {
  /** the unit or office whose seal (公章) is on the letter */
  unitId: string;
  role: 'unit' | 'general_office' | 'construction_authority' | 'beautiful_towns_office';
  evidenceFileId: string;
  evidenceSha256: string;
}

/**
 * 书面反馈 (加盖公章): a sealed reply. Immutable in PostgreSQL (a trigger refuses UPDATE and
 * DELETE); a correction is a new revision that supersedes this one. Hash-chained per round.
 */
@Entity('sealed_submission')
@Index('sealed_submission_recipient_rev_uq', ['recipientId', 'revision'], { unique: true })
@Index('sealed_submission_round_chain_uq', ['roundId', 'chainSeq'], { unique: true })
@Index('sealed_submission_unit_idx', ['unitId'])
@Check('sealed_submission_kind_chk', `kind IN ('with_comments','no_comment','withdrawal')`)
@Check('sealed_submission_channel_chk', `channel IN ('portal','paper','oa_exchange','fax','email')`)
export class SealedSubmission {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  roundId: string;

  @Column('uuid')
  recipientId: string;

  @Column('uuid')
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  /** 1, 2, … per recipient */
  @Column('int')
  revision: number;

  @Column('uuid', { nullable: true })
  supersedesId: string | null;

  @Column('text')
  kind: SubmissionKind;

  /** 签发人 */
  @Column('text')
  signatory: string;

  /** 联系人 / phone */
  @Column('text')
  contactName: string;

  @Column('text')
  contactPhone: string;

  /** the unit's short name as it stood when sealed (the receipt covers it) */
  @Column('text', { default: '' })
  unitName: string;

  /** the office that sent it for a city (the acting unit) */
  @Column('uuid')
  actingUnitId: string;

  @Column('text', { default: '' })
  actingUnitName: string;

  /** why the unit withdrew its reply (kind withdrawal only) */
  @Column('text', { nullable: true })
  withdrawalReason: string | null;

  @Column('jsonb', { nullable: true })
  attestation: Attestation | null;

  @Column('jsonb', { default: () => "'[]'" })
  seals: SealApplied[];

  /** the canonical JSON the digest is computed over (zq-canonical-json-v1) */
  @Column('text')
  canonical: string;

  @Column('text')
  digest: string;

  /** Ed25519 over the digest, base64 */
  @Column('text')
  signature: string;

  @Column('text')
  keyId: string;

  /** 1, 2, … per round; with prevChainHash/chainHash a deleted row is detectable */
  @Column('int')
  chainSeq: number;

  @Column('text', { nullable: true })
  prevChainHash: string | null;

  @Column('text')
  chainHash: string;

  /** 回执编号, e.g. R2-省财政厅-0007 */
  @Column('text', { unique: true })
  trackingNo: string;

  @Column('uuid')
  sealedBy: string;

  @Column('timestamptz')
  sealedAt: Date;

  /** portal: sealed by the unit; otherwise 代为录入 by the office user in sealedBy from a letter received that way */
  @Column('text', { default: 'portal' })
  channel: SubmissionChannel;

  /** 代为录入: the day the office received the letter (00:00 Asia/Shanghai); null for portal replies */
  @Column('timestamptz', { nullable: true })
  receivedAt: Date | null;

  /** the deadline in force for this unit when sealed */
  @Column('timestamptz')
  deadlineAt: Date;

  /** seconds after the deadline (0 when on time) */
  @Column('int', { default: 0 })
  lateSeconds: number;
}

/** 反馈意见 (逐条): one item of a sealed submission; immutable like its submission. */
@Entity('sealed_item')
@Index('sealed_item_submission_idx', ['submissionId'])
@Index('sealed_item_round_clause_idx', ['roundId', 'clauseId'])
@Check('sealed_item_kind_chk', `kind IN ('modify','delete','add','other')`)
export class SealedItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  submissionId: string;

  /** checked at commit: sealing writes the items before it takes the chain lock, the submission after */
  @ManyToOne(() => SealedSubmission, { onDelete: 'RESTRICT', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'submission_id' })
  submission?: SealedSubmission;

  @Column('uuid')
  roundId: string;

  @Column('uuid')
  unitId: string;

  /** null: a general comment */
  @Column('uuid', { nullable: true })
  clauseId: string | null;

  /** the clause's lineage key, so the item can be followed into later versions */
  @Column('uuid', { nullable: true })
  lineageKey: string | null;

  @Column('int')
  position: number;

  @Column('text')
  kind: ItemKind;

  /** 原文: a span of the clause text */
  @Column('text', { default: '' })
  quote: string;

  /** 建议修改为 */
  @Column('text', { default: '' })
  proposedText: string;

  /** 理由 */
  @Column('text', { default: '' })
  reason: string;
}

/** The office's acceptance or return (退回补正) of a sealed submission: appended, never edited. */
@Entity('submission_review')
@Index('submission_review_submission_idx', ['submissionId'])
@Check('submission_review_action_chk', `action IN ('accepted','returned')`)
export class SubmissionReview {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  submissionId: string;

  @ManyToOne(() => SealedSubmission, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submission_id' })
  submission?: SealedSubmission;

  @Column('text')
  action: 'accepted' | 'returned';

  @Column('text', { default: '' })
  reason: string;

  @Column('uuid')
  reviewedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  reviewedAt: Date;
}

