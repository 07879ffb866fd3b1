/** What a reply file reads into, in document order: paragraphs (lines) and tables. */
export interface ReplyLine {
  type: 'line';
  text: string;
}

export interface ReplyTable {
  type: 'table';
  /** rows of cells as filled in; a vertically merged cell repeats its text in each row it spans */
  rows: string[][];
}

export type ReplyBlock = ReplyLine | ReplyTable;
