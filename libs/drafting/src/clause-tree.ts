import type { Resolution } from '@zq/directory';

/** 一、 part · （一） section · 1. item · （1） subitem · unnumbered paragraph · 附件 annex · 表 table */
export type ClauseKind = 'part' | 'section' | 'item' | 'subitem' | 'paragraph' | 'annex' | 'table';

export const CLAUSE_KINDS: readonly ClauseKind[] = ['part', 'section', 'item', 'subitem', 'paragraph', 'annex', 'table'];

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
  /** canonical label: 一、 / （一） / 1. / （1） / 附件 / 附件1; '' for paragraphs and tables */
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
}

/** Items run on across sections (1–18 over （一）…（五）) or restart in each; a draft that shows neither counts as per_section. */
export type ItemNumbering = 'continuous' | 'per_section';

export interface ImportResult {
  title: string;
  letter?: LetterFacts;
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
