import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { bodyStyles, fittedHeight, officialPageNumbers, printableSheet } from '@zq/drafting/documents';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';

/** Who drew up the table and when (制表单位, 日期), as printed under its title. */
export interface TableMaker {
  unitName: string;
  /** 2023年5月25日 */
  dateText: string;
}

/** The counts an office writes at the head of its 起草说明. */
export interface AdoptionSummary {
  /** units asked (征求) */
  consulted: number;
  /** units whose reply is on record (反馈), 无意见 included */
  replied: number;
  noComment: number;
  notReplied: number;
  /** the round treats silence as 无意见 (逾期未反馈视为无意见) */
  silenceIsNoComment: boolean;
  items: number;
  adopted: number;
  partiallyAdopted: number;
  notAdopted: number;
  noted: number;
  undecided: number;
}

export interface AdoptionRow {
  seq: number;
  unitName: string;
  /** 条款: old number → new number */
  clause: string;
  /** 意见内容 */
  opinion: string;
  /** 采纳情况 */
  decision: string;
  /** 理由/处理说明 */
  explanation: string;
  /** 修改后条文 */
  revisedText: string;
}

const SENTENCE_END = /[。；！？\n]/;

/**
 * 修改后条文 as the table prints it: the sentences of the revised clause that changed, not the whole
 * clause — from the sentence where the first change falls to the end of the sentence of the last one,
 * with …… where text is left out. A short clause is given whole.
 */
export function changedPassage(before: string, after: string, whole = 80): string {
  if ([...after].length <= whole || before === after) return after;
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let q = 0;
  while (q < before.length - p && q < after.length - p && before[before.length - 1 - q] === after[after.length - 1 - q]) q++;
  // the changed span of the revised text: [p, changedEnd) (empty where words were only struck out)
  const changedEnd = after.length - q;
  let start = p;
  while (start > 0 && !SENTENCE_END.test(after[start - 1])) start--;
  let end = Math.max(changedEnd, start + 1);
  while (end < after.length && !SENTENCE_END.test(after[end - 1])) end++;
  return `${start > 0 ? '……' : ''}${after.slice(start, end)}${end < after.length ? '……' : ''}`;
}

export const ADOPTION_COLUMNS = ['序号', '提出单位', '条款', '意见内容', '采纳情况', '理由/处理说明', '修改后条文'] as const;

/** 共征求N家单位意见，M家反馈（其中K家无意见），未反馈L家；共X条意见，采纳A条，部分采纳B条，不采纳C条。 */
export function summaryText(s: AdoptionSummary): string {
  const silence = s.silenceIsNoComment && s.notReplied > 0 ? '（按本轮规则视为无意见）' : '';
  const noted = s.noted > 0 ? `、已在其他条款体现或供参考${s.noted}条` : '';
  const undecided = s.undecided > 0 ? `，尚有${s.undecided}条未处理` : '';
  return (
    `共征求${s.consulted}家单位意见，${s.replied}家反馈（其中${s.noComment}家无意见），未反馈${s.notReplied}家${silence}；` +
    `共${s.items}条意见，采纳${s.adopted}条，部分采纳${s.partiallyAdopted}条，不采纳${s.notAdopted}条${noted}${undecided}。`
  );
}

const FONT = { title: '方正小标宋简体', body: '仿宋_GB2312', head: '黑体' };
const MM = 56.7;
const WIDTHS = [5, 10, 13, 24, 8, 16, 24]; // per cent of the table, by column

function run(text: string, opts: { font?: string; size?: number; bold?: boolean; strike?: boolean; underline?: boolean } = {}): TextRun {
  const font = opts.font ?? FONT.body;
  return new TextRun({
    text,
    font: { ascii: font, eastAsia: font, hAnsi: font },
    size: opts.size ?? 21,
    bold: opts.bold,
    strike: opts.strike,
    underline: opts.underline ? {} : undefined,
  });
}

/** Multi-line cell text: one paragraph per line, so line breaks survive in Word. */
function cell(text: string, opts: { width: number; header?: boolean; center?: boolean }): TableCell {
  return new TableCell({
    width: { size: opts.width, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlignTable.CENTER,
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: opts.header || opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: line ? [run(line, { font: opts.header ? FONT.head : FONT.body, bold: opts.header })] : [],
        }),
    ),
  });
}

/** An A4 landscape section with GB/T 9704 page numbers ("— 1 —", odd right, even left). */
export function landscapeSection(children: (Paragraph | Table)[]) {
  return {
    footers: officialPageNumbers(),
    properties: {
      page: {
        size: { width: Math.round(210 * MM), height: Math.round(297 * MM), orientation: PageOrientation.LANDSCAPE },
        margin: { top: Math.round(25 * MM), bottom: Math.round(25 * MM), left: Math.round(25 * MM), right: Math.round(25 * MM) },
      },
    },
    children,
  };
}

export function titleParagraph(title: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(title, { font: FONT.title, size: 36 })] });
}

/** 附件 at the top left in 黑体 三号, as an attachment to the 起草说明 carries it. */
export function annexLabel(): Paragraph {
  return new Paragraph({ spacing: { after: 120 }, children: [run('附件', { font: FONT.head, size: 32 })] });
}

/** 制表单位：… at the left, the date at the right, on one line under the title. */
export function makerParagraph(maker: TableMaker): Paragraph {
  return new Paragraph({
    spacing: { after: 160 },
    tabStops: [{ type: 'right' as never, position: Math.round(247 * MM) }],
    children: [run(`制表单位：${maker.unitName}`, { size: 24 }), run(`\t${maker.dateText}`, { size: 24 })],
  });
}

/**
 * 意见采纳情况表 as .docx: 附件, the title, 制表单位 and date, the summary, then one row per item —
 * the header row repeated on every page, page numbers at the foot.
 */
export async function adoptionTableDocx(title: string, summary: AdoptionSummary, rows: AdoptionRow[], maker?: TableMaker): Promise<Buffer> {
  const header = new TableRow({ tableHeader: true, children: ADOPTION_COLUMNS.map((c, i) => cell(c, { width: WIDTHS[i], header: true })) });
  const body = rows.map(
    (r) =>
      new TableRow({
        cantSplit: false,
        children: [String(r.seq), r.unitName, r.clause, r.opinion, r.decision, r.explanation, r.revisedText].map((v, i) => cell(v, { width: WIDTHS[i], center: i === 0 || i === 4 })),
      }),
  );
  const doc = new Document({
    title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FONT.body, size: 21 } } } },
    sections: [
      landscapeSection([
        annexLabel(),
        titleParagraph(title),
        ...(maker ? [makerParagraph(maker)] : []),
        new Paragraph({ spacing: { after: 200 }, indent: { firstLine: 420 }, children: [run(summaryText(summary), { size: 24 })] }),
        new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...body] }),
      ]),
    ],
  });
  return Packer.toBuffer(doc);
}

const XLSX_WIDTHS = [6, 14, 20, 46, 10, 30, 46];

/** 意见采纳情况表 as .xlsx, written as a stream (a round may have 100,000 items). */
export async function adoptionTableXlsx(title: string, summary: AdoptionSummary, rows: AdoptionRow[], maker?: TableMaker): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  book.creator = '征求意见';
  const lines = [summaryText(summary), ...(maker ? [`制表单位：${maker.unitName}　　　　日期：${maker.dateText}`] : [])];
  const sheet = printableSheet(book, '意见采纳情况表', { title, lines, columns: ADOPTION_COLUMNS, widths: XLSX_WIDTHS });
  const styles = bodyStyles([true, false, false, false, true, false, false]);
  for (const r of rows) {
    const values = [r.seq, r.unitName, r.clause, r.opinion, r.decision, r.explanation, r.revisedText];
    const row = sheet.addRow(values);
    for (let i = 0; i < styles.length; i++) row.getCell(i + 1).style = styles[i];
    row.height = fittedHeight(values.map(String), XLSX_WIDTHS);
    row.commit();
  }
  sheet.commit();
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}
