/** A physical line of the source (a text line, or a .docx paragraph). */
export interface SourceLine {
  type: 'line';
  text: string;
  /** 1-based line of a text file, or paragraph number of a .docx */
  line: number;
  /** a paragraph of a word processor (.docx, .doc): never the continuation of the line before */
  hard?: boolean;
  /** styled as a heading (标题 1 / Heading 1 → 1) */
  heading?: number;
}

/** Rows of a table: tab-separated lines of a text file, or a .docx table. */
export interface SourceTable {
  type: 'table';
  rows: string[][];
  line: number;
  rowLines: number[];
}

export type SourceBlock = SourceLine | SourceTable;

/** A paragraph rebuilt from physical lines broken by the page (PDF extraction, hard wraps). */
export interface LogicalLine {
  type: 'line';
  text: string;
  line: number;
  /** where each physical line starts in `text`, to point a warning at the right line */
  starts: { at: number; line: number }[];
  /** styled as a heading in the word processor */
  heading?: number;
}

export type LogicalBlock = LogicalLine | SourceTable;

/** The physical line a character offset of a logical line came from. */
export function lineAt(block: LogicalLine, offset: number): number {
  let line = block.line;
  for (const s of block.starts) {
    if (s.at > offset) break;
    line = s.line;
  }
  return line;
}
