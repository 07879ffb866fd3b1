import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { DraftDocument, ParsedClause } from '../clause-tree';
import { joinLabel, noteOf } from './clause-lines';

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
      return [
        new Paragraph({ children: [run(c.label || '附件', { font: FONT.part })], spacing: LINE }),
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

function table(rows: string[][]): Table {
  const width = Math.max(1, ...rows.map((r) => r.length));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (row, i) =>
        new TableRow({
          tableHeader: i === 0,
          children: row.map(
            (cell) =>
              new TableCell({
                width: { size: Math.floor(100 / width), type: WidthType.PERCENTAGE },
                verticalAlign: VerticalAlignTable.CENTER,
                children: [
                  new Paragraph({
                    alignment: AlignmentType.CENTER,
                    children: cell ? [run(cell, { font: FONT.body, size: SIZE.table, bold: i === 0 })] : [],
                  }),
                ],
              }),
          ),
        }),
    ),
  });
}

/**
 * The draft as a .docx typeset like an official document: title in 方正小标宋 二号 centred,
 * 一、 in 黑体, （一） in 楷体, body 仿宋 三号 with a two-character indent, tables as tables.
 */
export async function renderDocx(doc: DraftDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  if (doc.title) {
    children.push(
      new Paragraph({
        children: [run(doc.title, { font: FONT.title, size: SIZE.title })],
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
    styles: { default: { document: { run: { font: FONT.body, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FONT.body, size: 28 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
