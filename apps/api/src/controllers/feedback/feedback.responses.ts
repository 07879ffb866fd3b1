import { ApiProperty } from '@nestjs/swagger';
import { CityApprovalRule } from '../consultation/consultation.responses';
import { UnitRef } from '../units.responses';

// Response bodies of these controllers, as sent (derived from the services' return types; keep them in step).

export class MyReplyViewRound {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: Number }) roundNumber: number;
  @ApiProperty({ enum: ['draft', 'open', 'closed', 'concluded'] }) status: string;
  @ApiProperty({ type: String, format: 'date-time' }) deadline: Date;
  @ApiProperty({ type: String }) silenceRule: string;
  @ApiProperty({ type: Boolean }) sealRequired: boolean;
  @ApiProperty({ type: () => CityApprovalRule, nullable: true }) cityApproval: unknown;
}

export class MyReplyViewRecipient {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) unitId: string;
  @ApiProperty({ type: String }) unitName: string;
  @ApiProperty({ enum: ['pending', 'viewed', 'drafting', 'submitted', 'returned', 'exempted'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) replyKind: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) effectiveDeadline: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) latestSubmissionId: string | null;
}

export class DraftView {
  @ApiProperty({ enum: ['with_comments', 'no_comment'] }) kind: 'with_comments' | 'no_comment';
  @ApiProperty({ type: () => DraftItem, isArray: true }) items: DraftItem[];
  @ApiProperty({ type: Number, description: '0: nothing saved yet' }) version: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: Date | null;
  @ApiProperty({ type: () => DraftViewUpdatedBy, nullable: true }) updatedBy: DraftViewUpdatedBy | null;
  @ApiProperty({ type: () => DraftViewHandedOver, nullable: true, description: '提交签发: the version the drafter handed to the approver (null: not handed over, or edited since)' })
  handedOver: DraftViewHandedOver | null;
}

export class DraftViewHandedOver {
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiProperty({ type: String, description: 'who handed it over' }) by: string;
  @ApiProperty({ type: Number }) version: number;
}

export class MyReply {
  @ApiProperty({ type: () => MyReplyViewRound }) round: MyReplyViewRound;
  @ApiProperty({ type: () => MyReplyViewRecipient }) recipient: MyReplyViewRecipient;
  @ApiProperty({ type: () => DraftView }) draft: DraftView;
  @ApiProperty({ type: () => MyReplyViewSubmission, isArray: true }) submissions: MyReplyViewSubmission[];
}

export class DraftItem {
  @ApiProperty({ type: String, description: 'client-side id, stable across autosaves' }) key: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: a general comment not tied to a clause' }) clauseId: string | null;
  @ApiProperty({ type: String }) quote: string;
  @ApiProperty({ enum: ['modify', 'delete', 'add', 'other'] }) kind: 'modify' | 'delete' | 'add' | 'other';
  @ApiProperty({ type: String }) proposedText: string;
  @ApiProperty({ type: String }) reason: string;
}

export class DraftViewUpdatedBy {
  @ApiProperty({ type: String, format: 'uuid' }) userId: string;
  @ApiProperty({ type: String }) name: string;
}

export class MyReplyViewSubmission {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) trackingNo: string;
  @ApiProperty({ type: Number }) revision: number;
  @ApiProperty({ enum: ['with_comments', 'no_comment', 'withdrawal'] }) kind: string;
  @ApiProperty({ type: String, format: 'date-time' }) sealedAt: Date;
  @ApiProperty({ type: Number }) lateSeconds: number;
  @ApiProperty({ enum: ['portal', 'paper', 'oa_exchange', 'fax', 'email'], description: 'portal：本单位在系统中盖章提交；其余：征求意见发起单位根据来函代为录入' }) channel: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '代为录入：收文日期（北京时间当日零点）' }) receivedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: '代为录入：录入人' }) enteredBy: string | null;
  @ApiProperty({ type: String, description: '内容摘要（SHA-256）；前 16 位即回执上的核验码' }) digest: string;
}

/** One comment read from a filled 反馈意见表 or reply letter (DESIGN.md's parse-reply item, with the clause id). */
export class ParsedReplyItem {
  @ApiProperty({ type: Number, description: '表格的第几行数据，或反馈函的第几段意见' }) row: number;
  @ApiProperty({ type: String }) clauseLabel: string;
  @ApiProperty({ type: String, isArray: true, description: '从顶层起的条款序号，如 ["二、","（三）","9."]；总体意见为 []' }) clausePath: string[];
  @ApiProperty({ type: String, required: false }) quote?: string;
  @ApiProperty({ enum: ['modify', 'delete', 'add', 'other'] }) kind: 'modify' | 'delete' | 'add' | 'other';
  @ApiProperty({ type: String }) proposal: string;
  @ApiProperty({ type: String }) reason: string;
  @ApiProperty({ type: Boolean }) resolved: boolean;
  @ApiProperty({ type: String, required: false, description: '未能对应到条款的原因' }) why?: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, required: false }) clauseId?: string | null;
  @ApiProperty({ type: String, required: false, description: '原表该行（或该段）的文字' }) source?: string;
}

export class ParsedReplyTable {
  @ApiProperty({ type: Boolean }) noComment: boolean;
  @ApiProperty({ type: () => ParsedReplyItem, isArray: true }) items: ParsedReplyItem[];
  @ApiProperty({ type: () => DraftItem, isArray: true, description: '可直接保存为反馈草稿、或用于代为录入的条目' }) draftItems: DraftItem[];
  @ApiProperty({ type: String, required: false }) signatory?: string;
  @ApiProperty({ type: String, required: false }) contact?: string;
  @ApiProperty({ type: String, required: false }) phone?: string;
  @ApiProperty({ type: String, required: false, format: 'date' }) date?: string;
  @ApiProperty({ type: String, required: false, description: '填报单位（如表中写明）' }) unit?: string;
  @ApiProperty({ type: Boolean }) statesCityApproval: boolean;
  @ApiProperty({ enum: ['docx', 'xlsx', 'txt', 'pdf'] }) format: string;
}

export class SealedReceiptReceipt {
  @ApiProperty({ type: String }) digest: string;
  @ApiProperty({ type: String }) signature: string;
  @ApiProperty({ type: String }) keyId: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm: 'Ed25519';
  @ApiProperty({ enum: ['zq-canonical-json-v1'] }) canonicalization: 'zq-canonical-json-v1';
  @ApiProperty({ type: Number }) chainSeq: number;
  @ApiProperty({ type: String, nullable: true }) prevChainHash: string | null;
  @ApiProperty({ type: String }) chainHash: string;
}

export class SealedReceipt {
  @ApiProperty({ type: String, format: 'uuid' }) submissionId: string;
  @ApiProperty({ type: String }) trackingNo: string;
  @ApiProperty({ type: Number }) revision: number;
  @ApiProperty({ enum: ['with_comments', 'no_comment', 'withdrawal'] }) kind: 'with_comments' | 'no_comment' | 'withdrawal';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supersedesId: string | null;
  @ApiProperty({ type: Number }) itemCount: number;
  @ApiProperty({ type: String, format: 'date-time' }) sealedAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) deadlineAt: Date;
  @ApiProperty({ type: Boolean }) late: boolean;
  @ApiProperty({ type: Number }) lateSeconds: number;
  @ApiProperty({ type: () => SealedReceiptReceipt }) receipt: SealedReceiptReceipt;
  @ApiProperty({ type: String }) verifyUrl: string;
}

export class EvidenceFile {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) filename: string;
  @ApiProperty({ type: String }) mime: string;
  @ApiProperty({ type: Number }) size: number;
  @ApiProperty({ type: String }) sha256: string;
  @ApiProperty({ type: String, format: 'date-time' }) uploadedAt: Date;
}

export class ReceiptPublicKey {
  @ApiProperty({ type: String }) keyId: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm: 'Ed25519';
  @ApiProperty({ type: String }) publicKeyPem: string;
}

export class ReceiptChecks {
  @ApiProperty({ type: Boolean, description: 'the stored canonical text still hashes to the stored digest' }) digest: boolean;
  @ApiProperty({ type: Boolean, description: 'the server\'s Ed25519 signature over the digest holds' }) signature: boolean;
  @ApiProperty({ type: Boolean, description: 'the stored rows (items, seals, evidence bytes) still rebuild the signed canonical text' }) content: boolean;
  @ApiProperty({ type: Boolean, description: 'the submission links to its predecessor and successor in the round\'s hash chain' }) chain: boolean;
}

export class ReceiptVerification {
  @ApiProperty({ type: Boolean }) valid: boolean;
  @ApiProperty({ type: Boolean, description: 'false: the chain head log kept outside the database has this seal, the database no longer has it (deleted); every check is then false' }) stored: boolean;
  @ApiProperty({ type: () => ReceiptChecks }) checks: ReceiptChecks;
  @ApiProperty({ type: String }) trackingNo: string;
  @ApiProperty({ type: String }) unit: string;
  @ApiProperty({ type: String }) actingUnit: string;
  @ApiProperty({ type: String, format: 'date-time' }) sealedAt: Date;
  @ApiProperty({ type: String }) digest: string;
  @ApiProperty({ type: String }) keyId: string;
  @ApiProperty({ type: Number }) chainSeq: number;
}

export class SubmissionSummary {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) trackingNo: string;
  @ApiProperty({ type: () => UnitRef }) unit: UnitRef;
  @ApiProperty({ type: () => UnitRef }) actingUnit: UnitRef;
  @ApiProperty({ type: Number }) revision: number;
  @ApiProperty({ enum: ['with_comments', 'no_comment', 'withdrawal'] }) kind: 'with_comments' | 'no_comment' | 'withdrawal';
  @ApiProperty({ type: Number }) itemCount: number;
  @ApiProperty({ type: String, format: 'date-time' }) sealedAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) deadlineAt: Date;
  @ApiProperty({ type: Boolean }) late: boolean;
  @ApiProperty({ type: Number }) lateSeconds: number;
  @ApiProperty({ type: Boolean, description: 'the recipient\'s latest sealed submission (what the board shows)' }) isLatest: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supersededById: string | null;
  @ApiProperty({ type: () => SubmissionSummaryReview, nullable: true }) review: SubmissionSummaryReview | null;
}

export class SubmissionSummaryReview {
  @ApiProperty({ enum: ['returned', 'accepted'] }) action: 'returned' | 'accepted';
  @ApiProperty({ type: String }) reason: string;
  @ApiProperty({ type: String, format: 'date-time' }) reviewedAt: Date;
}

export class SubmissionDetailContact {
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String }) phone: string;
}

export class SubmissionDetailReceipt {
  @ApiProperty({ type: String }) digest: string;
  @ApiProperty({ type: String }) signature: string;
  @ApiProperty({ type: String }) keyId: string;
  @ApiProperty({ type: Number }) chainSeq: number;
  @ApiProperty({ type: String, nullable: true }) prevChainHash: string | null;
  @ApiProperty({ type: String }) chainHash: string;
}

export class SubmissionDetail {
  @ApiProperty({ type: String, format: 'uuid' }) roundId: string;
  @ApiProperty({ type: String }) signatory: string;
  @ApiProperty({ type: () => SubmissionDetailContact }) contact: SubmissionDetailContact;
  @ApiProperty({ type: () => SubmissionDetailAttestation, nullable: true }) attestation: SubmissionDetailAttestation | null;
  @ApiProperty({ type: () => SubmissionDetailSeal, isArray: true }) seals: SubmissionDetailSeal[];
  @ApiProperty({ type: String, nullable: true }) withdrawalReason: string | null;
  @ApiProperty({ type: () => SubmissionDetailItem, isArray: true }) items: SubmissionDetailItem[];
  @ApiProperty({ type: () => SubmissionDetailReview, isArray: true }) reviews: SubmissionDetailReview[];
  @ApiProperty({ type: () => SubmissionDetailReceipt }) receipt: SubmissionDetailReceipt;
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) trackingNo: string;
  @ApiProperty({ type: () => UnitRef }) unit: UnitRef;
  @ApiProperty({ type: () => UnitRef }) actingUnit: UnitRef;
  @ApiProperty({ type: Number }) revision: number;
  @ApiProperty({ enum: ['with_comments', 'no_comment', 'withdrawal'] }) kind: 'with_comments' | 'no_comment' | 'withdrawal';
  @ApiProperty({ type: Number }) itemCount: number;
  @ApiProperty({ type: String, format: 'date-time' }) sealedAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) deadlineAt: Date;
  @ApiProperty({ type: Boolean }) late: boolean;
  @ApiProperty({ type: Number }) lateSeconds: number;
  @ApiProperty({ type: Boolean, description: 'the recipient\'s latest sealed submission (what the board shows)' }) isLatest: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supersededById: string | null;
  @ApiProperty({ type: () => SubmissionSummaryReview, nullable: true }) review: SubmissionSummaryReview | null;
}

export class SubmissionDetailAttestation {
  @ApiProperty({ type: String }) channel: string;
  @ApiProperty({ type: String, nullable: true }) statement: string | null;
}

export class SubmissionDetailSeal {
  @ApiProperty({ type: String, format: 'uuid' }) unitId: string;
  @ApiProperty({ type: String }) unitName: string;
  @ApiProperty({ type: String }) role: string;
  @ApiProperty({ type: String, format: 'uuid' }) evidenceFileId: string;
  @ApiProperty({ type: String }) evidenceSha256: string;
  @ApiProperty({ type: String, nullable: true }) filename: string | null;
}

export class SubmissionDetailItem {
  @ApiProperty({ type: Number }) position: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) clauseId: string | null;
  @ApiProperty({ type: String, nullable: true }) clauseLabel: string | null;
  @ApiProperty({ type: String, nullable: true }) clauseHeading: string | null;
  @ApiProperty({ enum: ['modify', 'delete', 'add', 'other'] }) kind: string;
  @ApiProperty({ type: String }) quote: string;
  @ApiProperty({ type: String }) proposedText: string;
  @ApiProperty({ type: String }) reason: string;
}

export class SubmissionDetailReview {
  @ApiProperty({ enum: ['returned', 'accepted'] }) action: 'returned' | 'accepted';
  @ApiProperty({ type: String }) reason: string;
  @ApiProperty({ type: String }) reviewedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) reviewedAt: Date;
}

export class SubmissionReturned {
  @ApiProperty({ type: String, format: 'uuid' }) submissionId: string;
  @ApiProperty({ type: String }) recipientStatus: string;
  @ApiProperty({ type: String, format: 'uuid' }) reviewId: string;
}

export class SubmissionAccepted {
  @ApiProperty({ type: String, format: 'uuid' }) submissionId: string;
  @ApiProperty({ type: String, format: 'uuid' }) reviewId: string;
}
