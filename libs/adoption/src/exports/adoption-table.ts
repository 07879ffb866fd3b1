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
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';

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

export const ADOPTION_COLUMNS = ['序号', '提出单位', '条款', '意见内容', '采纳情况', '理由/处理说明', '修改后条文'] as const;

/** 共征求N家单位意见，M家反馈（其中K家无意见），未反馈L家；共X条意见，采纳A条，部分采纳B条，未采纳C条。 */
export function summaryText(s: AdoptionSummary): string {
  const silence = s.silenceIsNoComment && s.notReplied > 0 ? '（按本轮规则视为无意见）' : '';
  const noted = s.noted > 0 ? `、已在其他条款体现或供参考${s.noted}条` : '';
  const undecided = s.undecided > 0 ? `，尚有${s.undecided}条未处理` : '';
  return (
    `共征求${s.consulted}家单位意见，${s.replied}家反馈（其中${s.noComment}家无意见），未反馈${s.notReplied}家${silence}；` +
    `共${s.items}条意见，采纳${s.adopted}条，部分采纳${s.partiallyAdopted}条，未采纳${s.notAdopted}条${noted}${undecided}。`
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

export function landscapeSection(children: (Paragraph | Table)[]) {
  return {
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

/** 意见采纳情况表 as .docx: the summary, then one table row per item. */
export async function adoptionTableDocx(title: string, summary: AdoptionSummary, rows: AdoptionRow[]): Promise<Buffer> {
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
    styles: { default: { document: { run: { font: FONT.body, size: 21 } } } },
    sections: [
      landscapeSection([
        titleParagraph(title),
        new Paragraph({ spacing: { after: 200 }, indent: { firstLine: 420 }, children: [run(summaryText(summary), { size: 24 })] }),
        new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...body] }),
      ]),
    ],
  });
  return Packer.toBuffer(doc);
}

/** 意见采纳情况表 as .xlsx, written as a stream (a round may have 100,000 items). */
export async function adoptionTableXlsx(title: string, summary: AdoptionSummary, rows: AdoptionRow[]): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  book.creator = '征求意见';
  const sheet = book.addWorksheet('意见采纳情况表', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  sheet.columns = [6, 14, 22, 48, 10, 30, 48].map((width) => ({ width }));
  sheet.mergeCells('A1:G1');
  sheet.mergeCells('A2:G2');
  const titleRow = sheet.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.getCell(1).font = { name: FONT.title, size: 16, bold: true };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  titleRow.height = 30;
  titleRow.commit();
  const summaryRow = sheet.getRow(2);
  summaryRow.getCell(1).value = summaryText(summary);
  summaryRow.getCell(1).alignment = { wrapText: true, vertical: 'middle' };
  summaryRow.height = 36;
  summaryRow.commit();
  const head = sheet.getRow(3);
  ADOPTION_COLUMNS.forEach((c, i) => {
    const h = head.getCell(i + 1);
    h.value = c;
    h.font = { bold: true };
    h.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  head.commit();
  // one shared style object per column: exceljs caches styles by object, a fresh one per cell costs seconds per 100,000 rows
  const wrap: Partial<ExcelJS.Style> = { alignment: { wrapText: true, vertical: 'top' } };
  const center: Partial<ExcelJS.Style> = { alignment: { horizontal: 'center', vertical: 'top' } };
  const plain: Partial<ExcelJS.Style> = { alignment: { vertical: 'top' } };
  const styles = [center, plain, wrap, wrap, center, wrap, wrap];
  for (const r of rows) {
    const row = sheet.addRow([r.seq, r.unitName, r.clause, r.opinion, r.decision, r.explanation, r.revisedText]);
    for (let i = 0; i < styles.length; i++) row.getCell(i + 1).style = styles[i];
    row.commit();
  }
  sheet.commit();
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}
