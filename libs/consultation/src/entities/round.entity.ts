import { Unit } from '@zq/directory';
import { DraftVersion, Policy } from '@zq/drafting';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export const ROUND_STATUSES = ['draft', 'open', 'closed', 'concluded'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const SILENCE_RULES = ['no_comment_must_be_written', 'silence_is_no_comment'] as const;
export type SilenceRule = (typeof SILENCE_RULES)[number];

/** How a prefecture city's reply shows the city government's approval (经市政府同意). */
export interface CityApprovalRule {
  required: boolean;
  /** a reply sent by the city's general office (市政府办公厅（室）) needs nothing more */
  generalOfficeSuffices: boolean;
  /** otherwise the statement 经市政府同意 and the seals of these offices */
  requiredSeals: ('construction_authority' | 'beautiful_towns_office' | 'general_office')[];
}

export interface LetterAttachment {
  /** the stored file (round_attachment_file); absent for metadata written before files were stored */
  id?: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  /** the office's own file, or one the launch generated: the draft as Word, the round's 反馈意见表 */
  origin?: LetterAttachmentOrigin;
}

export const LETTER_ATTACHMENT_ORIGINS = ['office', 'draft', 'template'] as const;
export type LetterAttachmentOrigin = (typeof LETTER_ATTACHMENT_ORIGINS)[number];

/** 征求意见轮次, with its letter (征求意见函) and the rules a reply must meet. */
@Entity('consultation_round')
@Check('consultation_round_status_chk', `status IN ('draft','open','closed','concluded')`)
@Check('consultation_round_silence_chk', `silence_rule IN ('no_comment_must_be_written','silence_is_no_comment')`)
@Index('consultation_round_policy_idx', ['policyId'])
export class ConsultationRound {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  policyId: string;

  @ManyToOne(() => Policy, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'policy_id' })
  policy?: Policy;

  @Column('uuid')
  versionId: string;

  @ManyToOne(() => DraftVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id' })
  version?: DraftVersion;

  /** 第一次 = 1, 第二次 = 2 … */
  @Column('int')
  roundNumber: number;

  @Column('text')
  title: string;

  @Column('text', { default: '' })
  letterText: string;

  @Column('jsonb', { default: () => "'[]'" })
  letterAttachments: LetterAttachment[];

  /** the instant replies are due (a date D means D 23:59:59.999 Asia/Shanghai) */
  @Column('timestamptz')
  deadline: Date;

  /** set when the deadline is N working days from launch: `deadline` is then a preview, fixed at launch */
  @Column('int', { nullable: true })
  deadlineWorkdays: number | null;

  /** the units to ask, while the round is a draft (launch turns them into round_recipient rows) */
  @Column('uuid', { array: true, default: () => "'{}'" })
  recipientUnitIds: string[];

  @Column('text', { default: '' })
  contactName: string;

  @Column('text', { default: '' })
  contactPhone: string;

  @Column('boolean', { default: true })
  sealRequired: boolean;

  @Column('jsonb')
  cityApproval: CityApprovalRule;

  @Column('text', { default: 'no_comment_must_be_written' })
  silenceRule: SilenceRule;

  /** the 催办 policy (steps), editable per round */
  @Column('jsonb')
  reminderPolicy: Record<string, unknown>;

  /** 电话催办 list: who in the office gets the escalation */
  @Column('text', { array: true, default: () => "'{}'" })
  escalationEmails: string[];

  @Column('text', { default: 'draft' })
  status: RoundStatus;

  /** what the office acknowledged of the coverage check when launching */
  @Column('jsonb', { nullable: true })
  coverageAcknowledged: Record<string, unknown> | null;

  @Column('uuid', { nullable: true })
  previousRoundId: string | null;

  @ManyToOne(() => ConsultationRound, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'previous_round_id' })
  previousRound?: ConsultationRound | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  launchedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  concludedAt: Date | null;
}

export const RECIPIENT_STATUSES = ['pending', 'viewed', 'drafting', 'submitted', 'returned', 'exempted'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/** 征求对象: one unit asked in one round, with its own status; overdue is derived, never stored. */
@Entity('round_recipient')
@Index('round_recipient_round_unit_uq', ['roundId', 'unitId'], { unique: true })
@Index('round_recipient_unit_idx', ['unitId'])
@Check('round_recipient_status_chk', `status IN ('pending','viewed','drafting','submitted','returned','exempted')`)
@Check('round_recipient_reply_kind_chk', `reply_kind IS NULL OR reply_kind IN ('with_comments','no_comment')`)
export class RoundRecipient {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  roundId: string;

  @ManyToOne(() => ConsultationRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: ConsultationRound;

  @Column('uuid')
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column('text', { default: 'pending' })
  status: RecipientStatus;

  /** set with status submitted: 有意见 / 无意见 */
  @Column('text', { nullable: true })
  replyKind: 'with_comments' | 'no_comment' | null;

  /** a later deadline granted to this unit (延期); null = the round's */
  @Column('timestamptz', { nullable: true })
  deadlineOverride: Date | null;

  @Column('timestamptz', { nullable: true })
  firstViewedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  submittedAt: Date | null;

  /** the latest sealed submission (the board shows it) */
  @Column('uuid', { nullable: true })
  latestSubmissionId: string | null;

  @Column('timestamptz', { nullable: true })
  lastRemindedAt: Date | null;

  /** for the invitation link sent with the letter (only the hash is kept) */
  @Column('text', { nullable: true })
  accessTokenHash: string | null;
}

/** 延期: a recorded extension, never a silent change. */
@Entity('recipient_extension')
@Index('recipient_extension_recipient_idx', ['recipientId'])
export class RecipientExtension {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  recipientId: string;

  @ManyToOne(() => RoundRecipient, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: RoundRecipient;

  @Column('timestamptz')
  previousDeadline: Date;

  @Column('timestamptz')
  newDeadline: Date;

  @Column('text')
  reason: string;

  @Column('uuid', { nullable: true })
  grantedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  grantedAt: Date;
}
