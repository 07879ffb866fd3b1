import { ApiProperty } from '@nestjs/swagger';
import { ReminderPolicyDto } from './round.dto';
import { Clause } from '../drafting/drafting.responses';

// Response bodies of these controllers, as sent (derived from the services' return types; keep them in step).

export class CityApprovalRule {
  @ApiProperty({ type: Boolean }) required: boolean;
  @ApiProperty({ type: Boolean, description: 'a reply sent by the city\'s general office (市政府办公厅（室）) needs nothing more' }) generalOfficeSuffices: boolean;
  @ApiProperty({ enum: ['general_office', 'construction_authority', 'beautiful_towns_office'], isArray: true, description: 'otherwise the statement 经市政府同意 and the seals of these offices' }) requiredSeals: ('general_office' | 'construction_authority' | 'beautiful_towns_office')[];
}

export class RoundRules {
  @ApiProperty({ type: Boolean }) sealRequired: boolean;
  @ApiProperty({ type: () => CityApprovalRule }) cityApproval: CityApprovalRule;
  @ApiProperty({ enum: ['no_comment_must_be_written', 'silence_is_no_comment'] }) silenceRule: 'no_comment_must_be_written' | 'silence_is_no_comment';
}

export class RoundRecipient {
  @ApiProperty({ type: String, format: 'uuid' }) unitId: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ enum: ['organizer', 'provincial_department', 'prefecture_city', 'city_office'] }) kind: string;
}

export class RoundContact {
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String }) phone: string;
}

export class MyRoundListItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() roundNumber: number;
  @ApiProperty({ enum: ['draft', 'open', 'closed', 'concluded'] }) status: 'draft' | 'open' | 'closed' | 'concluded';
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: String, format: 'date-time', description: '本单位的截止时间（含延期）' }) deadline: Date;
  @ApiProperty({ description: '截止时间（北京时间）' }) deadlineLocal: string;
  @ApiProperty({ description: '已延期' }) extended: boolean;
  @ApiProperty({ enum: ['pending', 'viewed', 'drafting', 'submitted', 'returned', 'exempted'] }) recipientStatus: string;
  @ApiProperty({ enum: ['pending', 'viewed', 'drafting', 'submitted_with_comments', 'submitted_no_comment', 'returned', 'overdue', 'extended', 'exempted'] }) state: 'pending' | 'viewed' | 'drafting' | 'submitted_with_comments' | 'submitted_no_comment' | 'returned' | 'overdue' | 'extended' | 'exempted';
  @ApiProperty({ description: '状态（中文）' }) label: string;
}

export class MyRoundRound {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: Number }) roundNumber: number;
  @ApiProperty({ enum: ['draft', 'open', 'closed', 'concluded'] }) status: 'draft' | 'open' | 'closed' | 'concluded';
  @ApiProperty({ type: String }) letterText: string;
}

export class MyRoundUnit {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['organizer', 'provincial_department', 'prefecture_city', 'city_office'] }) kind: string;
}

export class MyRoundMyStatus {
  @ApiProperty({ enum: ['pending', 'viewed', 'drafting', 'submitted', 'returned', 'exempted'] }) status: string;
  @ApiProperty({ enum: ['pending', 'viewed', 'drafting', 'submitted_with_comments', 'submitted_no_comment', 'returned', 'overdue', 'extended', 'exempted'] }) state: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: String, enum: ['with_comments', 'no_comment'], nullable: true }) replyKind: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firstViewedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: Date | null;
}

export class MyRoundMyDeadline {
  @ApiProperty({ type: String, format: 'date-time', description: '本单位的截止时间（含延期）' }) deadline: Date;
  @ApiProperty() deadlineLocal: string;
  @ApiProperty() extended: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) roundDeadline: Date;
}

export class MyRoundContact {
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String }) phone: string;
}

export class MyRoundRules {
  @ApiProperty({ type: Boolean }) sealRequired: boolean;
  @ApiProperty({ type: () => CityApprovalRule, nullable: true }) cityApproval: CityApprovalRule | null;
  @ApiProperty({ enum: ['no_comment_must_be_written', 'silence_is_no_comment'] }) silenceRule: 'no_comment_must_be_written' | 'silence_is_no_comment';
}

export class MyRoundVersion {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() label: string;
}

export class MyRound {
  @ApiProperty({ type: () => MyRoundRound }) round: MyRoundRound;
  @ApiProperty({ type: () => MyRoundUnit }) unit: MyRoundUnit;
  @ApiProperty({ type: () => MyRoundMyStatus }) myStatus: MyRoundMyStatus;
  @ApiProperty({ type: () => MyRoundMyDeadline }) myDeadline: MyRoundMyDeadline;
  @ApiProperty({ type: () => MyRoundContact }) contact: MyRoundContact;
  @ApiProperty({ type: () => MyRoundRules }) rules: MyRoundRules;
  @ApiProperty({ type: () => MyRoundVersion }) version: MyRoundVersion;
  @ApiProperty({ type: () => Clause, isArray: true }) clauses: Clause[];
}

export class Round {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) policyId: string;
  @ApiProperty({ type: String, format: 'uuid' }) versionId: string;
  @ApiProperty({ type: Number }) roundNumber: number;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: String }) letterText: string;
  @ApiProperty({ enum: ['draft', 'open', 'closed', 'concluded'] }) status: 'draft' | 'open' | 'closed' | 'concluded';
  @ApiProperty({ type: String }) statusLabel: string;
  @ApiProperty({ type: String }) deadline: string;
  @ApiProperty({ type: String }) deadlineLocal: string;
  @ApiProperty({ type: String }) deadlineDate: string;
  @ApiProperty({ type: Number, nullable: true }) deadlineWorkdays: number | null;
  @ApiProperty({ type: () => RoundContact }) contact: RoundContact;
  @ApiProperty({ type: () => RoundRules }) rules: RoundRules;
  @ApiProperty({ type: () => ReminderPolicyDto, description: '催办规则' }) reminderPolicy: Record<string, unknown>;
  @ApiProperty({ type: String, isArray: true }) escalationEmails: (string)[];
  @ApiProperty({ type: () => CoverageAcknowledgement, nullable: true, description: '已确认的覆盖检查提示' }) coverageAcknowledged: Record<string, unknown> | null;
  @ApiProperty({ type: () => RoundRecipient, isArray: true }) recipients: RoundRecipient[];
  @ApiProperty({ type: Number }) recipientCount: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) launchedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: Date | null;
}

export class RoundListItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) policyId: string;
  @ApiProperty({ format: 'uuid' }) versionId: string;
  @ApiProperty() roundNumber: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['draft', 'open', 'closed', 'concluded'] }) status: 'draft' | 'open' | 'closed' | 'concluded';
  @ApiProperty() statusLabel: string;
  @ApiProperty({ type: String, format: 'date-time' }) deadline: Date;
  @ApiProperty() deadlineLocal: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) launchedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ description: '征求对象单位数' }) recipients: number;
  @ApiProperty({ description: '已反馈（含免于反馈）单位数' }) replied: number;
}

export class Coverage {
  @ApiProperty({ type: () => CoverageNotRecipient, isArray: true, description: 'units named as 责任单位 in the draft that are not asked in this round' }) notRecipients: CoverageNotRecipient[];
  @ApiProperty({ type: () => UnitNameRef, isArray: true, description: 'recipients with no contact e-mail (for a city: none on its offices either)' }) unnotifiable: UnitNameRef[];
  @ApiProperty({ type: () => CoverageUnresolvedName, isArray: true, description: '责任单位 names that matched no unit of the directory (for information)' }) unresolvedNames: CoverageUnresolvedName[];
  @ApiProperty({ type: String, isArray: true, description: 'ids the office must acknowledge before launch' }) issueUnitIds: (string)[];
  @ApiProperty({ type: Boolean }) acknowledged: boolean;
}

export class FromLetterResult {
  @ApiProperty({ type: () => Round }) round: Round;
  @ApiProperty({ type: () => PrefillWarning, isArray: true }) warnings: PrefillWarning[];
  @ApiProperty({ type: () => Coverage }) coverage: Coverage;
}

export class PrefillWarning {
  @ApiProperty({ type: String }) code: string;
  @ApiProperty({ type: String }) message: string;
}

export class CoverageNotRecipient {
  @ApiProperty({ type: String, format: 'uuid' }) unitId: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, isArray: true }) clauses: (string)[];
}

export class UnitNameRef {
  @ApiProperty({ type: String, format: 'uuid' }) unitId: string;
  @ApiProperty({ type: String }) name: string;
}

export class CoverageUnresolvedName {
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, isArray: true }) clauses: (string)[];
}

export class DeletedRound {
  @ApiProperty({ type: Boolean }) deleted: true;
}

export class LaunchResult {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['draft', 'open', 'closed', 'concluded'] }) status: 'draft' | 'open' | 'closed' | 'concluded';
  @ApiProperty({ type: String }) launchedAt: string;
  @ApiProperty({ type: String }) deadline: string;
  @ApiProperty({ type: String }) deadlineLocal: string;
  @ApiProperty({ type: Number }) recipients: number;
  @ApiProperty({ type: Number }) letters: number;
  @ApiProperty({ type: Number }) reminders: number;
  @ApiProperty({ type: () => UnitNameRef, isArray: true }) unnotifiable: UnitNameRef[];
}

export class BoardRound {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ enum: ['draft', 'open', 'closed', 'concluded'] }) status: string;
  @ApiProperty({ type: String }) deadline: string;
  @ApiProperty({ type: String }) deadlineLocal: string;
}

export class BoardPaging {
  @ApiProperty({ enum: ['pending', 'viewed', 'drafting', 'submitted_with_comments', 'submitted_no_comment', 'returned', 'overdue', 'extended', 'exempted', 'not_replied'], nullable: true }) state: 'pending' | 'viewed' | 'drafting' | 'submitted_with_comments' | 'submitted_no_comment' | 'returned' | 'overdue' | 'extended' | 'exempted' | 'not_replied' | null;
  @ApiProperty({ type: Number }) offset: number;
  @ApiProperty({ type: Number, nullable: true }) limit: number | null;
  @ApiProperty({ type: Number }) matched: number;
}

export class Board {
  @ApiProperty({ type: () => BoardRound }) round: BoardRound;
  @ApiProperty({ type: String }) asOf: string;
  @ApiProperty({ type: String }) asOfLocal: string;
  @ApiProperty({ type: Number, description: 'recipients of the round' }) total: number;
  @ApiProperty({ type: () => BoardCount, isArray: true }) counts: BoardCount[];
  @ApiProperty({ type: Number, description: 'recipients that have not replied (all states but the two submitted ones and 已豁免)' }) notRepliedCount: number;
  @ApiProperty({ type: () => BoardPaging, description: 'which recipients `recipients` holds: those matching the filter, from offset, at most limit (null: all)' }) page: BoardPaging;
  @ApiProperty({ type: () => BoardRecipient, isArray: true, description: 'in the board\'s order: provincial units first, then the cities, each in the directory\'s order' }) recipients: BoardRecipient[];
  @ApiProperty({ type: () => BoardRecipient, isArray: true, description: 'the entries of `recipients` that have not replied (all of them when the board is not paged)' }) notReplied: BoardRecipient[];
}

export class BoardCount {
  @ApiProperty({ enum: ['pending', 'viewed', 'drafting', 'submitted_with_comments', 'submitted_no_comment', 'returned', 'overdue', 'extended', 'exempted'] }) state: 'pending' | 'viewed' | 'drafting' | 'submitted_with_comments' | 'submitted_no_comment' | 'returned' | 'overdue' | 'extended' | 'exempted';
  @ApiProperty({ type: String }) label: string;
  @ApiProperty({ type: Number }) count: number;
}

export class BoardRecipient {
  @ApiProperty({ type: String, format: 'uuid' }) unitId: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ enum: ['organizer', 'provincial_department', 'prefecture_city', 'city_office'] }) kind: string;
  @ApiProperty({ enum: ['pending', 'viewed', 'drafting', 'submitted_with_comments', 'submitted_no_comment', 'returned', 'overdue', 'extended', 'exempted'] }) state: 'pending' | 'viewed' | 'drafting' | 'submitted_with_comments' | 'submitted_no_comment' | 'returned' | 'overdue' | 'extended' | 'exempted';
  @ApiProperty({ type: String }) label: string;
  @ApiProperty({ type: Boolean }) overdue: boolean;
  @ApiProperty({ type: Boolean }) extended: boolean;
  @ApiProperty({ type: Boolean }) late: boolean;
  @ApiProperty({ type: String }) deadlineLocal: string;
  @ApiProperty({ type: String, nullable: true }) submittedLocal: string | null;
  @ApiProperty({ type: String, nullable: true }) lastRemindedLocal: string | null;
}

export class MailPage {
  @ApiProperty({ type: Number }) total: number;
  @ApiProperty({ type: () => MailRow, isArray: true }) mails: MailRow[];
}

export class MailRow {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '用途，如 letter（征求意见函）、reminder、manual_reminder、escalation' }) purpose: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) unitId: string | null;
  @ApiProperty({ type: String, nullable: true }) unitName: string | null;
  @ApiProperty() to: string;
  @ApiProperty() subject: string;
  @ApiProperty() status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '重试期的开始时间（首次发送失败或办公室重发之时；满 MAIL_RETRY_HOURS 仍未发出则标记失败）' }) failingSince: Date | null;
  @ApiProperty({ type: String, nullable: true }) messageId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '催办时点' }) slot: string | null;
  @ApiProperty({ description: '发送原因（中文）' }) reason: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: Date | null;
  @ApiProperty() createdLocal: string;
  @ApiProperty({ type: String, nullable: true }) sentLocal: string | null;
}

export class Extension {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: String, format: 'date-time' }) previousDeadline: Date;
  @ApiProperty({ type: String, format: 'date-time' }) newDeadline: Date;
  @ApiProperty() previousLocal: string;
  @ApiProperty() newLocal: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) grantedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) grantedAt: Date;
}

export class ExtensionResult {
  @ApiProperty({ type: String, format: 'uuid' }) unitId: string;
  @ApiProperty({ type: String }) previousDeadline: string;
  @ApiProperty({ type: String }) deadline: string;
  @ApiProperty({ type: String }) deadlineLocal: string;
  @ApiProperty({ type: Number }) generation: number;
  @ApiProperty({ type: Number }) cancelledReminders: number;
  @ApiProperty({ type: () => ExtensionResultReminder, isArray: true }) reminders: ExtensionResultReminder[];
}

export class ExtensionResultReminder {
  @ApiProperty({ type: String }) slot: string;
  @ApiProperty({ enum: ['before_deadline', 'deadline_day', 'overdue', 'escalation'] }) kind: string;
  @ApiProperty({ type: String }) dueAt: string;
  @ApiProperty({ type: String }) dueLocal: string;
}

export class ExemptionResult {
  @ApiProperty({ type: String, format: 'uuid' }) unitId: string;
  @ApiProperty({ enum: ['exempted'] }) status: 'exempted';
  @ApiProperty({ type: Number }) cancelledReminders: number;
}

export class CoverageAcknowledgement {
  @ApiProperty({ type: String, format: 'uuid', isArray: true }) unitIds: string[];
  @ApiProperty({ format: 'uuid', description: '确认人' }) by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class UnitContactView {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
}

/** 未反馈单位 with whom to call (a prefecture city's contacts through its offices, named by office). */
export class NotRepliedContactsUnit extends BoardRecipient {
  @ApiProperty({ type: () => UnitContactView, isArray: true }) contacts: UnitContactView[];
}

export class MailResent {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
  @ApiProperty({ description: '不变的 Message-ID' }) messageId: string;
}

export class DeadlineOption {
  @ApiProperty({ type: Number }) workdays: number;
  @ApiProperty({ type: String, format: 'date', description: 'YYYY-MM-DD, Asia/Shanghai' }) deadlineDate: string;
  @ApiProperty({ type: String, description: 'YYYY-MM-DD HH:mm, Asia/Shanghai' }) deadlineLocal: string;
}

export class DeadlineOptions {
  @ApiProperty({ type: String, format: 'date', description: "today's date in Beijing: a deadline before it is in the past" }) today: string;
  @ApiProperty({ type: () => DeadlineOption, isArray: true }) options: DeadlineOption[];
}
