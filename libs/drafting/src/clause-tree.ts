import type { Resolution } from '@zq/directory';

/**
 * 一、 part · （一） section · 1. item · （1） subitem · unnumbered paragraph · 附件 annex · 表 table;
 * in regulations 第一章 chapter · 第一节 section · 第一条 article (its 款 are paragraphs, its （一） 项
 * items, the 1. 目 under them subitems).
 */
export type ClauseKind = 'chapter' | 'part' | 'section' | 'article' | 'item' | 'subitem' | 'paragraph' | 'annex' | 'table';

export const CLAUSE_KINDS: readonly ClauseKind[] = ['part', 'section', 'item', 'subitem', 'paragraph', 'annex', 'table', 'chapter', 'article'];

/** A unit named in a clause's 责任单位 note. */
export interface ResponsibleUnit {
  /** the directory's short name when the name resolved, else the name as printed */
  name: string;
  /** 牵头单位 */
  isLead: boolean;
  unitId?: string;
}

export interface ClauseTable {
  /** every row as printed, header included; cells keep their position (empty cells stay '') */
  rows: string[][];
}

export interface ParsedClause {
  kind: ClauseKind;
  /** canonical label: 一、 / （一） / 1. / （1） / 第一章 / 第一节 / 第一条 / 附件 / 附件1; '' for paragraphs and tables (and a bulletin's unnumbered parts) */
  label: string;
  /** the label's value (一 → 1); null when unnumbered */
  number: number | null;
  heading: string;
  text: string;
  responsibleUnits: ResponsibleUnit[];
  /** the note as printed, e.g. （责任单位：省建设厅、省水利厅。列第一位的为牵头单位，下同。） */
  responsibilityRaw?: string;
  table?: ClauseTable;
  children: ParsedClause[];
}

/** Stable codes for what a consultation letter asks of the replies. */
export type LetterRule = 'seal_required' | 'city_approval_required' | 'no_comment_must_be_written' | 'silence_is_no_comment';

export interface LetterFacts {
  /**
   * End of the due day in Asia/Shanghai as an ISO date-time, e.g. "2023-05-23T23:59:59+08:00":
   * "于5月23日前" is read as "on 23 May at the latest", as offices apply it; "5月23日17:00前"
   * gives that hour instead.
   */
  deadline?: string;
  contact?: { name: string; phone: string };
  /** 电子邮箱 for replies */
  email?: string;
  /** 通信地址 (with 邮编 when printed) */
  address?: string;
  /** 传真 */
  fax?: string;
  rules: LetterRule[];
  /** the units the letter is sent to (its 名单 annex) */
  annexUnits: { name: string; unitId?: string }[];
  /** the letter's own date, ISO "2023-05-17" */
  date?: string;
}

export interface ImportWarning {
  code: string;
  message: string;
  /** 1-based line of a text file, or paragraph number of a .docx */
  line?: number;
  /** the clause the line belongs to, by its path in `clauses` ("1.0.2": the third child of the first child of the second clause) */
  clause?: string;
}

/** Items run on across sections (1–18 over （一）…（五）) or restart in each; a draft that shows neither counts as per_section. */
export type ItemNumbering = 'continuous' | 'per_section';

/** What the wrapping of a draft says about it: a 印发 notice, a web copy's metadata, a bulletin's masthead. */
export interface DocumentFacts {
  /** 文号, e.g. 浙政办发〔2023〕12号 */
  docNumber?: string;
  /** 发布单位 / the office that signs the notice */
  issuer?: string;
  /** ISO date of the notice or of publication */
  date?: string;
  /** how the draft came wrapped */
  wrapper?: 'notice' | 'web_copy' | 'bulletin';
  /** the title of the wrapper (关于印发《…》的通知, a web page's 标题, the bulletin's masthead) */
  wrapperTitle?: string;
  /** the addressees of a notice (各区人民政府，市政府各部门) */
  addressees?: string;
  /** a web copy's `> ` notes, a bulletin's 按 */
  notes?: string[];
}

export interface ImportResult {
  title: string;
  letter?: LetterFacts;
  /** facts from the notice, web page or bulletin the draft came in */
  document?: DocumentFacts;
  clauses: ParsedClause[];
  warnings: ImportWarning[];
  numbering: { items: ItemNumbering };
}

/** What the importer needs of a directory: UnitNameResolver fits. */
export interface UnitLookup {
  resolve(name: string): Resolution<{ shortName: string; id?: string }>;
}

export interface ImportOptions {
  resolver?: UnitLookup;
}

/** A document as the renderers take it (an ImportResult fits). */
export interface DraftDocument {
  title: string;
  clauses: ParsedClause[];
}
