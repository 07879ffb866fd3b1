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
import type { ReplyClauseNode } from '../reply-parser';

/** The columns of a 反馈意见表, as the parser reads them back (columnRole). */
export const TEMPLATE_COLUMNS = ['序号', '章节条款/页码', '原文', '修改意见/建议', '理由/依据'] as const;

export interface TemplateRow {
  clause: string;
  quote?: string;
  comment?: string;
  reason?: string;
}

export interface ReplyTemplateInput {
  roundTitle: string;
  /** the draft's title, printed in 《》 */
  documentTitle: string;
  /** 填报单位: the unit the template is for, or blank for the unit to fill in */
  unitName?: string;
  /** a prefecture city: its reply must state 经市政府同意 unless its general office sends it */
  forCity?: boolean;
  deadlineText?: string;
  /** pre-filled rows (the draft's clause labels, or a unit's own reply); blank rows otherwise */
  rows?: TemplateRow[];
  noComment?: boolean;
  signoff?: { signatory?: string; contact?: string; phone?: string; date?: string };
}

/** The draft's numbered clauses as 章节条款 labels, from the top: 一、 / 一、（一） / 二、（三）9. 加快产业能级提升 / 附件. */
export function clauseLabelRows(tree: ReplyClauseNode[]): TemplateRow[] {
  const rows: TemplateRow[] = [];
  const walk = (nodes: ReplyClauseNode[], path: string) => {
    for (const n of nodes) {
      if (!n.label) continue;
      const label = `${path}${n.label}`;
      rows.push({ clause: `${label}${n.heading ? ` ${n.heading}` : ''}` });
      walk(n.children, n.kind === 'annex' ? '' : label);
    }
  };
  walk(tree, '');
  return rows;
}

const BLANK_ROWS = 8;
const FONT = { title: '方正小标宋简体', head: '黑体', body: '仿宋_GB2312' };

function run(text: string, font = FONT.body, size = 28, bold = false): TextRun {
  return new TextRun({ text, font: { ascii: font, eastAsia: font, hAnsi: font }, size, bold });
}

function p(text: string, opts: { font?: string; size?: number; bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) {
  return new Paragraph({ children: [run(text, opts.font, opts.size, opts.bold)], alignment: opts.align, spacing: { after: 120 } });
}

function signoffLine(s: ReplyTemplateInput['signoff'] = {}): string {
  const blank = '________________';
  return `签发人：${s.signatory || blank}    联系人：${s.contact || blank}    电话：${s.phone || blank}    日期：${s.date || '______年____月____日'}`;
}

function noCommentLine(ticked: boolean): string {
  return `${ticked ? '☑' : '□'} 无意见（对征求意见稿没有修改意见的，勾选本项，签章后反馈）`;
}

function approvalLine(): string {
  // the box decides: unticked, the parser does not read this line as the city stating 经市政府同意
  return '□ 设区市：已经市政府同意（由市政府办公厅（室）报送的可不勾选；否则请勾选并加盖市建设主管部门、市美丽城镇办公章）';
}

function rowsOf(input: ReplyTemplateInput): TemplateRow[] {
  if (input.rows?.length) return input.rows;
  return Array.from({ length: BLANK_ROWS }, () => ({ clause: '' }));
}

/** 反馈意见表 as .docx (A4 landscape): title, round and draft, 填报单位, the table, 无意见, 签发人/联系人/电话/日期, the seal area. */
export async function renderReplyTemplateDocx(input: ReplyTemplateInput): Promise<Buffer> {
  const widths = [8, 20, 24, 28, 20];
  const cell = (text: string, i: number, head = false) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.PERCENTAGE },
      verticalAlign: VerticalAlignTable.CENTER,
      children: String(text)
        .split('\n')
        .map((line) => new Paragraph({ children: [run(line, head ? FONT.head : FONT.body, 24)], alignment: head || i === 0 ? AlignmentType.CENTER : AlignmentType.LEFT })),
    });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: TEMPLATE_COLUMNS.map((c, i) => cell(c, i, true)) }),
      ...rowsOf(input).map(
        (r, n) => new TableRow({ children: [String(n + 1), r.clause, r.quote ?? '', r.comment ?? '', r.reason ?? ''].map((t, i) => cell(t, i)) }),
      ),
    ],
  });
  const doc = new Document({
    creator: '征求意见系统',
    title: `反馈意见表：${input.documentTitle}`,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          p('反馈意见表', { font: FONT.title, size: 40, align: AlignmentType.CENTER }),
          p(`《${input.documentTitle}》`, { font: FONT.head, size: 28, align: AlignmentType.CENTER }),
          p(`征求意见轮次：${input.roundTitle}${input.deadlineText ? `    反馈截止：${input.deadlineText}` : ''}`, { size: 24 }),
          p(`填报单位（盖章）：${input.unitName || '________________________'}`),
          table,
          p(noCommentLine(!!input.noComment)),
          ...(input.forCity ? [p(approvalLine(), { size: 24 })] : []),
          p(signoffLine(input.signoff)),
          p('（单位盖章）', { align: AlignmentType.RIGHT }),
          p('填表说明：每条意见一行，写明所针对的章节条款（如“二、（三）9.”“附件”）；引用原文时请照录原句；建议修改的，请写明修改后的表述。', { size: 21 }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** 反馈意见表 as .xlsx: the same content on one sheet, the table framed, title rows merged. */
export async function renderReplyTemplateXlsx(input: ReplyTemplateInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '征求意见系统';
  const ws = wb.addWorksheet('反馈意见表', { pageSetup: { orientation: 'landscape', paperSize: 9 } });
  ws.columns = [{ width: 8 }, { width: 24 }, { width: 36 }, { width: 40 }, { width: 28 }];
  const merged = (text: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, 5);
    row.getCell(1).font = { name: opts.bold ? '黑体' : '仿宋_GB2312', size: opts.size ?? 12, bold: opts.bold };
    row.getCell(1).alignment = { horizontal: opts.center ? 'center' : 'left', vertical: 'middle', wrapText: true };
    return row;
  };
  merged('反馈意见表', { bold: true, size: 18, center: true });
  merged(`《${input.documentTitle}》`, { bold: true, center: true });
  merged(`征求意见轮次：${input.roundTitle}${input.deadlineText ? `    反馈截止：${input.deadlineText}` : ''}`);
  merged(`填报单位（盖章）：${input.unitName || ''}`);
  const header = ws.addRow([...TEMPLATE_COLUMNS]);
  const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;
  header.eachCell((c) => {
    c.font = { name: '黑体', bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle' };
    c.border = border;
  });
  rowsOf(input).forEach((r, n) => {
    const row = ws.addRow([n + 1, r.clause, r.quote ?? '', r.comment ?? '', r.reason ?? '']);
    for (let i = 1; i <= 5; i++) {
      row.getCell(i).border = border;
      row.getCell(i).alignment = { vertical: 'top', wrapText: true };
    }
  });
  merged(noCommentLine(!!input.noComment));
  if (input.forCity) merged(approvalLine());
  merged(signoffLine(input.signoff));
  merged('（单位盖章）');
  return Buffer.from(await wb.xlsx.writeBuffer());
}
