import {
  AlignmentType,
  Document,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from 'docx';
import type { DraftDocument, ParsedClause } from '../clause-tree';
import { joinLabel, noteOf } from './clause-lines';
import { officialPageNumbers } from './page-numbers';

// Typesetting of official documents (GB/T 9704-2012): sizes in half-points, lengths in twips.
const FONT = { title: '方正小标宋简体', part: '黑体', section: '楷体_GB2312', body: '仿宋_GB2312' };
const SIZE = { title: 44 /* 二号 */, body: 32 /* 三号 */, table: 24 /* 小四 */ };
const MM = 56.7;
const LINE = { line: 560, lineRule: LineRuleType.EXACT }; // 28 pt: 22 lines a page
const INDENT = { firstLineChars: 200, firstLine: 640 }; // two characters of 三号

type RunStyle = { font: string; size?: number; bold?: boolean };

function run(text: string, style: RunStyle): TextRun {
  return new TextRun({
    text,
    font: { ascii: style.font, eastAsia: style.font, hAnsi: style.font },
    size: style.size ?? SIZE.body,
    bold: style.bold,
  });
}

const body = (text: string) => run(text, { font: FONT.body });

function indented(children: TextRun[], outlineLevel?: number): Paragraph {
  return new Paragraph({ children, indent: INDENT, spacing: LINE, alignment: AlignmentType.JUSTIFIED, outlineLevel });
}

/** One clause as it is typeset: the heading in its level's face, the text in 仿宋, the note after it. */
function clauseParagraphs(c: ParsedClause): (Paragraph | Table)[] {
  const note = noteOf(c);
  switch (c.kind) {
    case 'table':
      return [table(c.table?.rows ?? [])];
    case 'annex':
      // 附件 starts a new page, 附件N at the top left in 黑体 三号 (GB/T 9704 §8)
      return [
        new Paragraph({ children: [run(c.label || '附件', { font: FONT.part })], spacing: LINE, pageBreakBefore: true }),
        ...(c.heading
          ? [new Paragraph({ children: [run(c.heading, { font: FONT.title, size: SIZE.title })], alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240 } })]
          : []),
      ];
    case 'paragraph':
      return [indented([body(c.text), ...(note ? [body(note)] : [])])];
    default: {
      const headingFont = c.kind === 'part' ? FONT.part : c.kind === 'section' ? FONT.section : FONT.body;
      const headingStyle: RunStyle = { font: headingFont, bold: c.kind === 'item' && !!c.text };
      const runs: TextRun[] = [];
      const labelled = joinLabel(c.label, c.heading || c.text);
      if (c.heading) {
        runs.push(run(labelled, headingStyle));
        if (c.text) runs.push(run('。', headingStyle), body(c.text));
      } else {
        runs.push(run(c.label, headingStyle), body(labelled.slice(c.label.length)));
      }
      if (note) runs.push(body(note));
      const outline = { chapter: 0, part: 0, section: 1, article: 2, item: 2, subitem: 3 }[c.kind];
      return [indented(runs, outline)];
    }
  }
}

/**
 * Category columns (the first, or one whose header names a 类别/分类/领域/方面): where a body cell
 * is left blank under a category, the two are one merged cell, as the
 * table was printed — RESTART on the first, CONTINUE below. Other columns are left as they are.
 */
type Merge = (typeof VerticalMergeType)[keyof typeof VerticalMergeType];

function categoryMerges(rows: string[][]): (Merge | undefined)[][] {
  const merges: (Merge | undefined)[][] = rows.map((r) => r.map(() => undefined));
  const header = rows[0] ?? [];
  const width = Math.max(0, ...rows.map((r) => r.length));
  for (let j = 0; j < width - 1; j++) {
    if (j > 0 && !/类别|分类|类型|领域|方面/.test(header[j] ?? '')) continue;
    for (let i = 2; i < rows.length; i++) {
      const cell = (rows[i][j] ?? '').trim();
      const above = (rows[i - 1][j] ?? '').trim();
      const continues = rows[i].some((c, k) => k !== j && c.trim()) && cell === '' && (above !== '' || merges[i - 1][j] === VerticalMergeType.CONTINUE);
      if (!continues) continue;
      merges[i][j] = VerticalMergeType.CONTINUE;
      let start = i - 1;
      while (merges[start][j] === VerticalMergeType.CONTINUE) start--;
      merges[start][j] = VerticalMergeType.RESTART;
    }
  }
  return merges;
}

/** The type area's width in twips: A4 less the 28 mm + 26 mm side margins (156 mm). */
const TEXT_WIDTH = Math.round(156 * MM);

/**
 * Column widths (twips) as an office sets them: each column at least as wide as its short cells
 * need (up to four characters of 小四, so 序号 and "2023年" stay on one line), the rest of the type
 * area shared by the columns whose text is typically longer (the 80th percentile of a column's
 * cells, up to sixteen characters; one stray long cell does not widen a column of numbers), so a
 * column of long 主要指标 is the wide one.
 */
function columnWidths(rows: string[][], width: number): number[] {
  const CHAR = 240; // one 小四 character
  const PAD = 300; // the cell's margins and borders
  const units = (text: string) => [...text.trim()].reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? 1 : 0.75), 0); // digits set wider than half, with a space before a CJK character
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const floor: number[] = [];
  const need: number[] = [];
  for (let j = 0; j < width; j++) {
    const lengths = rows.map((r) => units(r[j] ?? '')).sort((a, b) => a - b);
    const typical = lengths[Math.floor(0.8 * (lengths.length - 1))] ?? 1;
    floor.push(Math.min(Math.max(1, lengths[lengths.length - 1] ?? 1), 4) * CHAR + PAD);
    need.push(Math.max(floor[j], Math.min(typical, 16) * CHAR + PAD));
  }
  if (sum(need) <= TEXT_WIDTH) return need.map((w) => Math.floor((w * TEXT_WIDTH) / sum(need)));
  if (sum(floor) >= TEXT_WIDTH) return floor.map((w) => Math.floor((w * TEXT_WIDTH) / sum(floor)));
  const spare = TEXT_WIDTH - sum(floor);
  const wants = need.map((w, j) => w - floor[j]);
  return floor.map((w, j) => Math.floor(w + (spare * wants[j]) / sum(wants)));
}

function table(rows: string[][]): Table {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const merges = categoryMerges(rows);
  const widths = columnWidths(rows, width);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: rows.map(
      (row, i) =>
        new TableRow({
          tableHeader: i === 0,
          cantSplit: true,
          children: row.map(
            (cell, j) =>
              new TableCell({
                width: { size: widths[j], type: WidthType.DXA },
                verticalAlign: VerticalAlignTable.CENTER,
                verticalMerge: merges[i][j],
                children: [
                  new Paragraph({
                    alignment: AlignmentType.CENTER,
                    children: cell && merges[i][j] !== VerticalMergeType.CONTINUE ? [run(cell, { font: FONT.body, size: SIZE.table, bold: i === 0 })] : [],
                  }),
                ],
              }),
          ),
        }),
    ),
  });
}

/** Characters of 二号 on one line of the type area. */
const TITLE_LINE = 20;

/**
 * The title in 方正小标宋 二号; one too long for a line breaks before its （送审稿）/（征求意见稿）,
 * so the words stay whole (GB/T 9704 §7.3.3: 回行时词意完整).
 */
function titleRuns(title: string): TextRun[] {
  const style = { font: FONT.title, size: SIZE.title };
  const m = /^(.+?)(（[^（）]{1,12}）)$/.exec(title);
  if (!m || [...title].length <= TITLE_LINE) return [run(title, style)];
  return [run(m[1], style), new TextRun({ text: m[2], break: 1, font: { ascii: style.font, eastAsia: style.font, hAnsi: style.font }, size: style.size })];
}

/**
 * The draft as a .docx typeset like an official document (GB/T 9704-2012): title in 方正小标宋 二号
 * centred, 一、 in 黑体, （一） in 楷体, body 仿宋 三号 with a two-character indent, tables as tables
 * (category cells merged, the header row repeated), each 附件 on a new page, page numbers
 * "— 1 —" in 4号 宋体 at the right of odd pages and the left of even ones.
 */
export async function renderDocx(doc: DraftDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  if (doc.title) {
    children.push(
      new Paragraph({
        children: titleRuns(doc.title),
        alignment: AlignmentType.CENTER,
        spacing: { after: 560 },
      }),
    );
  }
  const walk = (clauses: ParsedClause[]) => {
    for (const c of clauses) {
      children.push(...clauseParagraphs(c));
      walk(c.children);
    }
  };
  walk(doc.clauses);

  const document = new Document({
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FONT.body, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
          },
        },
        footers: officialPageNumbers(),
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
