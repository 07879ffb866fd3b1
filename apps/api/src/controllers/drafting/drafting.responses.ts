import { CLAUSE_KINDS, ClauseKind } from '@zq/drafting';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Response bodies of these controllers, as sent (derived from the services' return types; keep them in step).

export class Clause {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) versionId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty({ type: String }) lineageKey: string;
  @ApiProperty({ type: Number }) position: number;
  @ApiProperty({ type: Number }) ordinal: number;
  @ApiProperty({ enum: CLAUSE_KINDS }) kind: ClauseKind;
  @ApiProperty({ type: String }) label: string;
  @ApiProperty({ type: Number, nullable: true }) number: number | null;
  @ApiProperty({ type: String }) heading: string;
  @ApiProperty({ type: String }) text: string;
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } }, nullable: true }) tableRows: ((string)[])[] | null;
  @ApiProperty({ type: String, nullable: true }) responsibilityRaw: string | null;
  @ApiProperty({ type: () => Responsibility, isArray: true }) responsibilities: Responsibility[];
}

export class Responsibility {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) unitId: string | null;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: Boolean }) isLead: boolean;
}

export class RedlineSegment {
  @ApiProperty({ enum: ['delete', 'equal', 'insert'] }) op: 'delete' | 'equal' | 'insert';
  @ApiProperty({ type: String }) text: string;
}

export class LetterFactsContact {
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String }) phone: string;
}

export class LetterFacts {
  @ApiPropertyOptional({ type: String, description: 'End of the due day in Asia/Shanghai as an ISO date-time, e.g. "2023-05-23T23:59:59+08:00": "于5月23日前" is read as "on 23 May at the latest", as offices apply it; "5月23日17:00前" gives that hour instead.' }) deadline?: string;
  @ApiPropertyOptional({ type: () => LetterFactsContact }) contact?: LetterFactsContact;
  @ApiPropertyOptional({ type: String, description: '电子邮箱' }) email?: string;
  @ApiPropertyOptional({ type: String, description: '通信地址（含邮编）' }) address?: string;
  @ApiPropertyOptional({ type: String, description: '传真' }) fax?: string;
  @ApiProperty({ enum: ['no_comment_must_be_written', 'silence_is_no_comment', 'seal_required', 'city_approval_required'], isArray: true }) rules: ('no_comment_must_be_written' | 'silence_is_no_comment' | 'seal_required' | 'city_approval_required')[];
  @ApiProperty({ type: () => LetterFactsAnnexUnit, isArray: true, description: 'the units the letter is sent to (its 名单 annex)' }) annexUnits: LetterFactsAnnexUnit[];
  @ApiPropertyOptional({ type: String, description: 'the letter\'s own date, ISO "2023-05-17"' }) date?: string;
}

export class ImportNumbering {
  @ApiProperty({ enum: ['continuous', 'per_section'] }) items: 'continuous' | 'per_section';
}

/** What the wrapping of a draft says about it: a 印发 notice, a web copy's metadata, a bulletin's masthead. */
export class DocumentFacts {
  @ApiPropertyOptional({ type: String, description: '文号', example: '浙政办发〔2023〕12号' }) docNumber?: string;
  @ApiPropertyOptional({ type: String, description: '发布单位 / 印发单位' }) issuer?: string;
  @ApiPropertyOptional({ type: String, description: 'ISO date' }) date?: string;
  @ApiPropertyOptional({ enum: ['notice', 'web_copy', 'bulletin'] }) wrapper?: 'notice' | 'web_copy' | 'bulletin';
  @ApiPropertyOptional({ type: String }) wrapperTitle?: string;
  @ApiPropertyOptional({ type: String, description: '主送单位' }) addressees?: string;
  @ApiPropertyOptional({ type: String, isArray: true, description: '网页的“> ”注释、简报的按语' }) notes?: string[];
}

export class ImportPreview {
  @ApiProperty({ type: String }) title: string;
  @ApiPropertyOptional({ type: () => LetterFacts }) letter?: LetterFacts;
  @ApiPropertyOptional({ type: () => DocumentFacts }) document?: DocumentFacts;
  @ApiProperty({ type: () => ParsedClause, isArray: true }) clauses: ParsedClause[];
  @ApiProperty({ type: () => ImportWarning, isArray: true }) warnings: ImportWarning[];
  @ApiProperty({ type: () => ImportNumbering }) numbering: ImportNumbering;
}

export class LetterFactsAnnexUnit {
  @ApiProperty({ type: String }) name: string;
  @ApiPropertyOptional({ type: String, format: 'uuid' }) unitId?: string;
}

export class ClauseTable {
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } }, description: 'every row as printed, header included; cells keep their position (empty cells stay \'\')' }) rows: ((string)[])[];
}

export class ParsedClause {
  @ApiPropertyOptional({ type: String, description: '导入预览中条款的标识：修正条款树时以它指明条款，修正后不变（拆分出的新条款得到新标识）；提示（warnings）的 clause 指向它', maxLength: 100 }) key?: string;
  @ApiProperty({ enum: CLAUSE_KINDS }) kind: ClauseKind;
  @ApiProperty({ type: String, description: 'canonical label: 一、 / （一） / 1. / （1） / 附件 / 附件1; \'\' for paragraphs and tables' }) label: string;
  @ApiProperty({ type: Number, nullable: true, description: 'the label\'s value (一 → 1); null when unnumbered' }) number: number | null;
  @ApiProperty({ type: String }) heading: string;
  @ApiProperty({ type: String }) text: string;
  @ApiProperty({ type: () => ResponsibleUnit, isArray: true }) responsibleUnits: ResponsibleUnit[];
  @ApiPropertyOptional({ type: String, description: 'the note as printed, e.g. （责任单位：省建设厅、省水利厅。列第一位的为牵头单位，下同。）' }) responsibilityRaw?: string;
  @ApiPropertyOptional({ type: () => ClauseTable }) table?: ClauseTable;
  @ApiProperty({ type: () => ParsedClause, isArray: true }) children: ParsedClause[];
}

export class ResponsibleUnit {
  @ApiProperty({ type: String, description: 'the directory\'s short name when the name resolved, else the name as printed' }) name: string;
  @ApiProperty({ type: Boolean, description: '牵头单位' }) isLead: boolean;
  @ApiPropertyOptional({ type: String, format: 'uuid' }) unitId?: string;
}

export class ImportWarning {
  @ApiProperty({ type: String }) code: string;
  @ApiProperty({ type: String }) message: string;
  @ApiPropertyOptional({ type: Number, description: '1-based line of a text file, or paragraph number of a .docx' }) line?: number;
  @ApiPropertyOptional({ type: String, description: '该提示所在的条款：导入预览中为条款的 key（起初即其位置路径，如 1.0.2）' }) clause?: string;
}

export class ImportSummary {
  @ApiProperty({ type: String, format: 'uuid' }) policyId: string;
  @ApiProperty({ type: String, format: 'uuid' }) versionId: string;
  @ApiProperty({ type: Number }) seq: number;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: String }) label: string;
  @ApiProperty({ type: () => LetterFacts, nullable: true }) letter: LetterFacts | null;
  @ApiProperty({ type: () => ImportWarning, isArray: true }) warnings: ImportWarning[];
  @ApiProperty({ type: Number }) clauseCount: number;
}

export class Version {
  @ApiProperty({ type: () => ClauseNode, isArray: true }) clauses: ClauseNode[];
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) policyId: string;
  @ApiProperty({ type: Number }) seq: number;
  @ApiProperty({ type: String }) label: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ enum: ['editing', 'published'] }) status: 'editing' | 'published';
  @ApiProperty({ type: Boolean }) locked: boolean;
  @ApiProperty({ enum: ['continuous', 'per_section'] }) itemNumbering: 'continuous' | 'per_section';
  @ApiProperty({ type: () => LetterFacts, nullable: true, description: '导入时识别的函件信息' }) letter: Record<string, unknown> | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) derivedFromVersionId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: Date | null;
}

export class ClauseNode {
  @ApiProperty({ type: () => ClauseNode, isArray: true }) children: ClauseNode[];
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) versionId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty({ type: String }) lineageKey: string;
  @ApiProperty({ type: Number }) position: number;
  @ApiProperty({ type: Number }) ordinal: number;
  @ApiProperty({ enum: CLAUSE_KINDS }) kind: ClauseKind;
  @ApiProperty({ type: String }) label: string;
  @ApiProperty({ type: Number, nullable: true }) number: number | null;
  @ApiProperty({ type: String }) heading: string;
  @ApiProperty({ type: String }) text: string;
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } }, nullable: true }) tableRows: ((string)[])[] | null;
  @ApiProperty({ type: String, nullable: true }) responsibilityRaw: string | null;
  @ApiProperty({ type: () => Responsibility, isArray: true }) responsibilities: Responsibility[];
}

export class VersionDiffCounts {
  @ApiProperty({ type: Number }) deleted: number;
  @ApiProperty({ type: Number }) unchanged: number;
  @ApiProperty({ type: Number }) changed: number;
  @ApiProperty({ type: Number }) added: number;
  @ApiProperty({ type: Number }) moved: number;
}

export class VersionSummaryView {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) policyId: string;
  @ApiProperty({ type: Number }) seq: number;
  @ApiProperty({ type: String }) label: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ enum: ['editing', 'published'] }) status: 'editing' | 'published';
  @ApiProperty({ type: Boolean }) locked: boolean;
  @ApiProperty({ enum: ['continuous', 'per_section'] }) itemNumbering: 'continuous' | 'per_section';
  @ApiProperty({ type: () => LetterFacts, nullable: true, description: '导入时识别的函件信息' }) letter: Record<string, unknown> | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) derivedFromVersionId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: Date | null;
}

export class VersionDiff {
  @ApiProperty({ type: () => ClauseChange, isArray: true, description: 'in the new version\'s reading order, each deleted clause after the clause it used to follow' }) changes: ClauseChange[];
  @ApiProperty({ type: () => VersionDiffCounts }) counts: VersionDiffCounts;
  @ApiProperty({ type: () => VersionSummaryView }) from: VersionSummaryView;
  @ApiProperty({ type: () => VersionSummaryView }) to: VersionSummaryView;
}

export class DiffClause {
  @ApiProperty({ type: String, description: 'the same key for "the same clause" across versions (条款沿革)' }) lineageKey: string;
  @ApiProperty({ type: String, nullable: true, description: 'lineageKey of the parent clause; null at the top level' }) parentKey: string | null;
  @ApiProperty({ type: Number, description: 'order among its siblings' }) position: number;
  @ApiProperty({ enum: CLAUSE_KINDS }) kind: ClauseKind;
  @ApiProperty({ type: String }) label: string;
  @ApiProperty({ type: String }) heading: string;
  @ApiProperty({ type: String }) text: string;
  @ApiPropertyOptional({ type: String, isArray: true, description: '责任单位 names in order; a change counts as a change of the clause' }) units?: (string)[];
}

export class ClauseChange {
  @ApiProperty({ type: String }) lineageKey: string;
  @ApiProperty({ enum: ['deleted', 'unchanged', 'changed', 'added', 'moved'], description: 'added / deleted; else changed (heading, text or units); else moved; else unchanged' }) status: 'deleted' | 'unchanged' | 'changed' | 'added' | 'moved';
  @ApiProperty({ type: Boolean, description: 'under another parent, or out of order among the siblings both versions share' }) moved: boolean;
  @ApiProperty({ type: Boolean }) headingChanged: boolean;
  @ApiProperty({ type: Boolean }) textChanged: boolean;
  @ApiProperty({ type: Boolean }) unitsChanged: boolean;
  @ApiProperty({ type: Boolean, description: 'only the number changed (renumbering after an insertion is not an edit)' }) relabelled: boolean;
  @ApiPropertyOptional({ type: () => DiffClause }) before?: DiffClause;
  @ApiPropertyOptional({ type: () => DiffClause }) after?: DiffClause;
  @ApiPropertyOptional({ type: () => RedlineSegment, isArray: true, description: 'word-level redline of the text (all insert for an added clause, all delete for a deleted one)' }) redline?: RedlineSegment[];
  @ApiPropertyOptional({ type: () => RedlineSegment, isArray: true }) headingRedline?: RedlineSegment[];
}

export class PolicyVersionSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() seq: number;
  @ApiProperty() label: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['editing', 'published'] }) status: 'editing' | 'published';
  @ApiProperty() locked: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class Policy {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: () => PolicyVersionSummary, isArray: true, description: '各版本，按序号' }) versions: PolicyVersionSummary[];
}
