import { CLAUSE_KINDS } from '@zq/drafting';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReminderPolicyDto } from '../consultation/round.dto';
import { CoverageAcknowledgement, RoundContact, RoundRecipient, RoundRules } from '../consultation/consultation.responses';
import { RedlineSegment } from '../drafting/drafting.responses';
import { UnitRef } from '../units.responses';

// Response bodies of these controllers, as sent (derived from the services' return types; keep them in step).

export class RoundFeedbackRound {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: Number }) roundNumber: number;
  @ApiProperty({ enum: ['draft', 'open', 'closed', 'concluded'] }) status: 'draft' | 'open' | 'closed' | 'concluded';
  @ApiProperty({ type: String, format: 'uuid' }) versionId: string;
}

export class RoundFeedbackCounts {
  @ApiProperty({ type: Number }) items: number;
  @ApiProperty({ type: Number }) adopted: number;
  @ApiProperty({ type: Number }) partiallyAdopted: number;
  @ApiProperty({ type: Number }) notAdopted: number;
  @ApiProperty({ type: Number }) noted: number;
  @ApiProperty({ type: Number }) undecided: number;
}

export class RoundFeedback {
  @ApiProperty({ type: () => RoundFeedbackRound }) round: RoundFeedbackRound;
  @ApiProperty({ type: () => RoundFeedbackCounts }) counts: RoundFeedbackCounts;
  @ApiProperty({ type: () => ClauseFeedback, isArray: true }) clauses: ClauseFeedback[];
  @ApiProperty({ type: () => FeedbackItemView, isArray: true }) general: FeedbackItemView[];
  @ApiProperty({ type: () => CarriedItemView, isArray: true }) generalCarriedOver: CarriedItemView[];
  @ApiProperty({ type: Number }) conflictCount: number;
  @ApiProperty({ type: () => SilentResponsibleUnit, isArray: true }) silentResponsibleUnits: SilentResponsibleUnit[];
}

export class ClauseFeedback {
  @ApiProperty({ type: String, format: 'uuid' }) clauseId: string;
  @ApiProperty({ type: String }) lineageKey: string;
  @ApiProperty({ type: String }) ref: string;
  @ApiProperty({ enum: CLAUSE_KINDS }) kind: string;
  @ApiProperty({ type: String }) label: string;
  @ApiProperty({ type: String }) heading: string;
  @ApiProperty({ type: String }) text: string;
  @ApiProperty({ type: () => FeedbackItemView, isArray: true }) items: FeedbackItemView[];
  @ApiProperty({ type: () => ClauseFeedbackConflict, isArray: true }) conflicts: ClauseFeedbackConflict[];
  @ApiProperty({ type: () => CarriedItemView, isArray: true, description: 'unresolved items of earlier rounds, carried over onto this clause' }) carriedOver: CarriedItemView[];
}

export class FeedbackItemView {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: () => UnitRef }) unit: UnitRef;
  @ApiProperty({ type: String, format: 'uuid' }) submissionId: string;
  @ApiProperty({ type: String }) trackingNo: string;
  @ApiProperty({ type: Number }) position: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) clauseId: string | null;
  @ApiProperty({ enum: ['modify', 'delete', 'add', 'other'] }) kind: 'modify' | 'delete' | 'add' | 'other';
  @ApiProperty({ type: String }) kindLabel: string;
  @ApiProperty({ type: String }) quote: string;
  @ApiProperty({ type: String }) proposedText: string;
  @ApiProperty({ type: String }) reason: string;
  @ApiProperty({ type: () => FeedbackItemDecision, nullable: true }) decision: FeedbackItemDecision | null;
  @ApiProperty({ type: String, isArray: true, description: 'items on the same clause whose spans overlap this one with a different proposal' }) conflictsWith: (string)[];
}

export class DecidedBy {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

export class FeedbackItemDecision {
  @ApiProperty({ enum: ['adopted', 'partially_adopted', 'not_adopted', 'noted'] }) decision: 'adopted' | 'partially_adopted' | 'not_adopted' | 'noted';
  @ApiProperty({ type: String }) label: string;
  @ApiProperty({ type: String }) reason: string;
  @ApiProperty({ type: String, nullable: true }) editedText: string | null;
  @ApiProperty({ type: Boolean }) carryOver: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) changeId: string | null;
  @ApiProperty({ type: () => DecidedBy }) decidedBy: DecidedBy;
  @ApiProperty({ type: String, format: 'date-time' }) decidedAt: Date;
}

export class ClauseFeedbackConflict {
  @ApiProperty({ type: String, isArray: true }) itemIds: (string)[];
}

export class CarriedItemView {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) roundId: string;
  @ApiProperty({ type: Number }) roundNumber: number;
  @ApiProperty({ type: () => UnitRef }) unit: UnitRef;
  @ApiProperty({ enum: ['modify', 'delete', 'add', 'other'] }) kind: 'modify' | 'delete' | 'add' | 'other';
  @ApiProperty({ type: String }) kindLabel: string;
  @ApiProperty({ type: String }) quote: string;
  @ApiProperty({ type: String }) proposedText: string;
  @ApiProperty({ type: String }) reason: string;
  @ApiProperty({ enum: ['adopted', 'partially_adopted', 'not_adopted', 'noted'] }) decision: 'adopted' | 'partially_adopted' | 'not_adopted' | 'noted';
  @ApiProperty({ type: String }) decisionLabel: string;
  @ApiProperty({ type: String }) decisionReason: string;
  @ApiProperty({ type: String, nullable: true, description: 'the clause then (lineage key)' }) lineageKey: string | null;
}

export class SilentResponsibleUnit {
  @ApiProperty({ type: () => UnitRef }) unit: UnitRef;
  @ApiProperty({ type: Boolean }) replied: boolean;
  @ApiProperty({ type: () => SilentResponsibleUnitClause, isArray: true }) clauses: SilentResponsibleUnitClause[];
}

export class SilentResponsibleUnitClause {
  @ApiProperty({ type: String, format: 'uuid' }) clauseId: string;
  @ApiProperty({ type: String }) ref: string;
  @ApiProperty({ type: String }) heading: string;
}

export class DecisionCounts {
  @ApiProperty({ type: Number }) items: number;
  @ApiProperty({ type: Number }) adopted: number;
  @ApiProperty({ type: Number }) partiallyAdopted: number;
  @ApiProperty({ type: Number }) notAdopted: number;
  @ApiProperty({ type: Number }) noted: number;
  @ApiProperty({ type: Number }) undecided: number;
}

export class DecisionResult {
  @ApiProperty({ type: Number }) decided: number;
  @ApiProperty({ type: () => DecisionCounts }) counts: DecisionCounts;
  @ApiProperty({ type: () => FeedbackItemView, isArray: true }) items: FeedbackItemView[];
}

export class NextVersionGeneratedVersion {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: Number }) seq: number;
  @ApiProperty({ type: String }) label: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ enum: ['editing'] }) status: 'editing';
  @ApiProperty({ type: String, format: 'uuid' }) derivedFromVersionId: string;
  @ApiProperty({ type: Number }) clauseCount: number;
}

export class NextVersionGeneratedCounts {
  @ApiProperty({ type: Number }) changes: number;
  @ApiProperty({ type: Number }) applied: number;
  @ApiProperty({ type: Number }) needsManualEdit: number;
  @ApiProperty({ type: Number }) addedClauses: number;
  @ApiProperty({ type: Number }) deletedClauses: number;
  @ApiProperty({ type: Number }) adoptedItems: number;
  @ApiProperty({ type: Number }) itemsApplied: number;
  @ApiProperty({ type: Number }) itemsForManualEdit: number;
}

export class NextVersionGeneratedUndecided {
  @ApiProperty({ type: Number }) count: number;
  @ApiProperty({ type: () => NextVersionGeneratedUndecidedItem, isArray: true }) first: NextVersionGeneratedUndecidedItem[];
}

/** A reference in the text (依照本条例第十二条) to an article whose number changed in the next version. */
export class ArticleReferenceWarning {
  @ApiProperty({ enum: ['ARTICLE_REFERENCE_MOVED', 'ARTICLE_REFERENCE_DELETED'] }) code: 'ARTICLE_REFERENCE_MOVED' | 'ARTICLE_REFERENCE_DELETED';
  @ApiProperty({ type: String, format: 'uuid', description: 'the clause whose text holds the reference (next version)' }) lineageKey: string;
  @ApiProperty({ type: String, example: '第二十三条' }) clauseLabel: string;
  @ApiProperty({ type: String, example: '本条例第十二条' }) quote: string;
  @ApiProperty({ enum: ['heading', 'text'] }) field: 'heading' | 'text';
  @ApiProperty({ type: Number }) offset: number;
  @ApiProperty({ type: Number, description: 'the article number the text was written against' }) from: number;
  @ApiProperty({ type: Number, nullable: true, description: 'its number now; null: deleted' }) to: number | null;
  @ApiProperty({ type: String, nullable: true, example: '本条例第十一条' }) suggestion: string | null;
  @ApiProperty({ type: String }) message: string;
}

export class NextVersionGenerated {
  @ApiProperty({ type: String, format: 'uuid' }) roundId: string;
  @ApiProperty({ type: () => NextVersionGeneratedVersion }) version: NextVersionGeneratedVersion;
  @ApiProperty({ type: () => NextVersionGeneratedCounts }) counts: NextVersionGeneratedCounts;
  @ApiProperty({ type: () => NextVersionGeneratedUndecided }) undecided: NextVersionGeneratedUndecided;
  @ApiProperty({ type: () => ArticleReferenceWarning, isArray: true, description: '条款重新编号后，正文中指向已移动条款的引用（需人工核对）' }) referenceWarnings: ArticleReferenceWarning[];
}

export class NextVersionGeneratedUndecidedItem {
  @ApiProperty({ type: String, format: 'uuid' }) itemId: string;
  @ApiProperty({ type: String }) unitName: string;
  @ApiProperty({ type: String, nullable: true }) clause: string | null;
  @ApiProperty({ type: String }) quote: string;
}

export class NextVersionRound {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: Number }) roundNumber: number;
  @ApiProperty({ enum: ['draft', 'open', 'closed', 'concluded'] }) status: 'draft' | 'open' | 'closed' | 'concluded';
}

export class NextVersionFromVersion {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) label: string;
  @ApiProperty({ type: String }) title: string;
}

export class NextVersionVersion {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: Number }) seq: number;
  @ApiProperty({ type: String }) label: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ enum: ['editing', 'published'] }) status: 'editing' | 'published';
  @ApiProperty({ type: Boolean }) locked: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: Date | null;
}

export class NextVersion {
  @ApiProperty({ type: () => NextVersionRound }) round: NextVersionRound;
  @ApiProperty({ type: () => NextVersionFromVersion }) fromVersion: NextVersionFromVersion;
  @ApiProperty({ type: () => NextVersionVersion }) version: NextVersionVersion;
  @ApiProperty({ type: Boolean }) stale: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) generatedAt: Date;
  @ApiProperty({ type: () => DecisionCounts }) counts: DecisionCounts;
  @ApiProperty({ type: () => NextVersionChangeView, isArray: true }) changes: NextVersionChangeView[];
  @ApiProperty({ type: () => ArticleReferenceWarning, isArray: true, description: '条款重新编号后，正文中指向已移动条款的引用（需人工核对）' }) referenceWarnings: ArticleReferenceWarning[];
}

export class NextVersionChangeView {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) kind: string;
  @ApiProperty({ enum: ['修改条文', '删除条款', '新增条款', '未自动修改'] }) kindLabel: '修改条文' | '删除条款' | '新增条款' | '未自动修改';
  @ApiProperty({ enum: ['resolved', 'applied', 'needs_manual_edit'] }) status: 'resolved' | 'applied' | 'needs_manual_edit';
  @ApiProperty({ enum: ['已自动修改', '需人工修改', '已人工处理'] }) statusLabel: '已自动修改' | '需人工修改' | '已人工处理';
  @ApiProperty({ type: String, nullable: true }) manualReason: string | null;
  @ApiProperty({ type: String, nullable: true }) manualReasonLabel: string | null;
  @ApiProperty({ type: String, nullable: true }) lineageKey: string | null;
  @ApiProperty({ type: String, nullable: true }) clauseBefore: string | null;
  @ApiProperty({ type: String, nullable: true }) clauseAfter: string | null;
  @ApiProperty({ type: String, nullable: true }) addedLineageKey: string | null;
  @ApiProperty({ type: String }) beforeText: string;
  @ApiProperty({ type: String }) afterText: string;
  @ApiProperty({ type: String, isArray: true }) itemIds: (string)[];
  @ApiProperty({ type: () => NextVersionChangeEdit, isArray: true }) edits: NextVersionChangeEdit[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) resolutionNote: string | null;
}

export class NextVersionChangeEdit {
  @ApiProperty({ type: String, nullable: true }) reasonLabel: string | null;
  @ApiProperty({ type: String, isArray: true }) itemIds: (string)[];
  @ApiProperty({ type: String }) kind: string;
  @ApiProperty({ type: String }) before: string;
  @ApiProperty({ type: String }) after: string;
  @ApiPropertyOptional({ type: String }) reason?: string;
}

export class ResolvedChange {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['resolved'] }) status: 'resolved';
  @ApiProperty({ enum: ['已人工处理'] }) statusLabel: '已人工处理';
  @ApiProperty({ type: String }) afterText: string;
  @ApiProperty({ type: String, format: 'date-time' }) resolvedAt: Date;
  @ApiProperty({ type: String, nullable: true }) resolutionNote: string | null;
}

export class AdoptionSummary {
  @ApiProperty({ type: Number, description: 'units asked (征求)' }) consulted: number;
  @ApiProperty({ type: Number, description: 'units whose reply is on record (反馈), 无意见 included' }) replied: number;
  @ApiProperty({ type: Number }) noComment: number;
  @ApiProperty({ type: Number }) notReplied: number;
  @ApiProperty({ type: Boolean, description: 'the round treats silence as 无意见 (逾期未反馈视为无意见)' }) silenceIsNoComment: boolean;
  @ApiProperty({ type: Number }) items: number;
  @ApiProperty({ type: Number }) adopted: number;
  @ApiProperty({ type: Number }) partiallyAdopted: number;
  @ApiProperty({ type: Number }) notAdopted: number;
  @ApiProperty({ type: Number }) noted: number;
  @ApiProperty({ type: Number }) undecided: number;
}

export class AdoptionTable {
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: String }) policyTitle: string;
  @ApiProperty({ type: String, format: 'uuid' }) roundId: string;
  @ApiProperty({ type: String, format: 'uuid' }) versionId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) nextVersionId: string | null;
  @ApiProperty({ type: () => AdoptionSummary }) summary: AdoptionSummary;
  @ApiProperty({ type: String }) summaryText: string;
  @ApiProperty({ type: String, isArray: true }) columns: (string)[];
  @ApiProperty({ type: () => AdoptionRow, isArray: true }) rows: AdoptionRow[];
}

export class AdoptionRow {
  @ApiProperty({ type: Number }) seq: number;
  @ApiProperty({ type: String }) unitName: string;
  @ApiProperty({ type: String, description: '条款: old number → new number' }) clause: string;
  @ApiProperty({ type: String, description: '意见内容' }) opinion: string;
  @ApiProperty({ type: String, description: '采纳情况' }) decision: string;
  @ApiProperty({ type: String, description: '理由/处理说明' }) explanation: string;
  @ApiProperty({ type: String, description: '修改后条文' }) revisedText: string;
}

export class ConcludeResultRound {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['draft', 'open', 'closed', 'concluded'] }) status: 'draft' | 'open' | 'closed' | 'concluded';
  @ApiProperty({ type: String, format: 'date-time' }) concludedAt: Date;
}

export class ConcludeResultNextVersion {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: Number }) seq: number;
  @ApiProperty({ type: String }) label: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ enum: ['editing', 'published'] }) status: 'editing' | 'published';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: Date | null;
}

export class ConcludeResult {
  @ApiProperty({ type: () => ConcludeResultRound }) round: ConcludeResultRound;
  @ApiProperty({ type: () => ConcludeResultNextVersion }) nextVersion: ConcludeResultNextVersion;
}

export class NextRoundResult {
  @ApiProperty({ type: String, format: 'uuid' }) previousRoundId: string;
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

export class EarlierItemsRound {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: Number }) roundNumber: number;
  @ApiProperty({ enum: ['draft', 'open', 'closed', 'concluded'] }) status: 'draft' | 'open' | 'closed' | 'concluded';
  @ApiProperty({ type: String, format: 'uuid' }) versionId: string;
}

export class EarlierItems {
  @ApiProperty({ type: () => EarlierItemsRound }) round: EarlierItemsRound;
  @ApiProperty({ type: () => EarlierItemsPreviousRound, nullable: true }) previousRound: EarlierItemsPreviousRound | null;
  @ApiProperty({ type: () => EarlierItemsItem, isArray: true }) items: EarlierItemsItem[];
  @ApiProperty({ type: () => EarlierItemsCarriedOverItem, isArray: true }) carriedOver: EarlierItemsCarriedOverItem[];
}

export class EarlierItemsPreviousRound {
  @ApiProperty({ type: Boolean }) decisionsFinal: boolean;
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: Number }) roundNumber: number;
  @ApiProperty({ enum: ['draft', 'open', 'closed', 'concluded'] }) status: 'draft' | 'open' | 'closed' | 'concluded';
  @ApiProperty({ type: String, format: 'uuid' }) versionId: string;
}

export class EarlierItemsItem {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) trackingNo: string;
  @ApiProperty({ enum: ['modify', 'delete', 'add', 'other'] }) kind: 'modify' | 'delete' | 'add' | 'other';
  @ApiProperty({ type: String }) kindLabel: string;
  @ApiProperty({ type: String }) quote: string;
  @ApiProperty({ type: String }) proposedText: string;
  @ApiProperty({ type: String }) reason: string;
  @ApiProperty({ type: () => EarlierItemsItemDecision, nullable: true }) decision: EarlierItemsItemDecision | null;
  @ApiProperty({ type: () => ClauseExcerpt, nullable: true }) clauseThen: ClauseExcerpt | null;
  @ApiProperty({ type: () => ClauseExcerpt, nullable: true }) clauseNow: ClauseExcerpt | null;
  @ApiProperty({ type: () => ClauseExcerpt, nullable: true }) addedClause: ClauseExcerpt | null;
  @ApiProperty({ type: String }) clauseStatus: string;
  @ApiProperty({ type: () => EarlierItemsItemChange, nullable: true }) change: EarlierItemsItemChange | null;
  @ApiProperty({ type: () => RedlineSegment, isArray: true }) redline: RedlineSegment[];
}

export class EarlierItemsItemDecision {
  @ApiProperty({ enum: ['adopted', 'partially_adopted', 'not_adopted', 'noted'] }) decision: 'adopted' | 'partially_adopted' | 'not_adopted' | 'noted';
  @ApiProperty({ type: String }) label: string;
  @ApiProperty({ type: String }) reason: string;
  @ApiProperty({ type: Boolean }) carryOver: boolean;
}

export class ClauseExcerpt {
  @ApiProperty({ type: String }) ref: string;
  @ApiProperty({ type: String }) heading: string;
  @ApiProperty({ type: String }) text: string;
}

export class EarlierItemsItemChange {
  @ApiProperty({ enum: ['resolved', 'applied', 'needs_manual_edit'] }) status: 'resolved' | 'applied' | 'needs_manual_edit';
  @ApiProperty({ enum: ['已自动修改', '需人工修改', '已人工处理'] }) statusLabel: '已自动修改' | '需人工修改' | '已人工处理';
}

export class EarlierItemsCarriedOverItem {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) roundId: string;
  @ApiProperty({ type: Number }) roundNumber: number;
  @ApiProperty({ type: () => UnitRef }) unit: UnitRef;
  @ApiProperty({ enum: ['modify', 'delete', 'add', 'other'] }) kind: 'modify' | 'delete' | 'add' | 'other';
  @ApiProperty({ type: String }) kindLabel: string;
  @ApiProperty({ type: String }) quote: string;
  @ApiProperty({ type: String }) proposedText: string;
  @ApiProperty({ type: String }) reason: string;
  @ApiProperty({ enum: ['adopted', 'partially_adopted', 'not_adopted', 'noted'] }) decision: 'adopted' | 'partially_adopted' | 'not_adopted' | 'noted';
  @ApiProperty({ type: String }) decisionLabel: string;
  @ApiProperty({ type: String }) decisionReason: string;
  @ApiProperty({ type: String, nullable: true }) lineageKey: string | null;
}

export class DispositionHistoryEntry {
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiProperty({ description: '审计动作，如 disposition.decided' }) action: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) data: Record<string, unknown> | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorUserId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
}

export class MyDecisionClause {
  @ApiProperty({ type: String }) ref: string;
  @ApiProperty({ type: String }) heading: string;
}

export class MyDecisionItem {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) trackingNo: string;
  @ApiProperty({ enum: ['modify', 'delete', 'add', 'other'] }) kind: 'modify' | 'delete' | 'add' | 'other';
  @ApiProperty({ type: String }) kindLabel: string;
  @ApiProperty({ type: String }) quote: string;
  @ApiProperty({ type: String }) proposedText: string;
  @ApiProperty({ type: String }) reason: string;
  @ApiProperty({ type: () => MyDecisionClause, nullable: true, description: 'null: 总体意见' }) clause: MyDecisionClause | null;
  @ApiProperty({ type: () => EarlierItemsItemDecision, nullable: true, description: 'null until the round is 办结' }) decision: EarlierItemsItemDecision | null;
}

export class MyDecisions {
  @ApiProperty({ type: () => EarlierItemsRound }) round: EarlierItemsRound;
  @ApiProperty({ type: Boolean, description: 'the round is 办结: the decisions are final' }) decisionsFinal: boolean;
  @ApiProperty({ type: () => MyDecisionItem, isArray: true }) items: MyDecisionItem[];
}
