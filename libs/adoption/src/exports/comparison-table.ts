import { diffVersions, flattenForDiff, type KeyedClause, type RedlineSegment } from '@zq/drafting/documents';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';
import { annexLabel, landscapeSection, titleParagraph } from './adoption-table';

/** One changed clause: its citation and redlines on both sides. */
export interface ComparisonEntry {
  status: 'changed' | 'added' | 'deleted' | 'moved';
  beforeRef: string | null;
  afterRef: string | null;
  /** word-level redline of the heading ('' headings: empty) */
  heading: RedlineSegment[];
  text: RedlineSegment[];
  /** 修改说明: which comments led to the change (采纳省财政厅的意见…), or why it changed */
  note: string;
}

const FONT = { body: '仿宋_GB2312', head: '黑体' };
const SIZE = 24; // 小四

function run(text: string, style: { bold?: boolean; strike?: boolean; underline?: boolean; font?: string } = {}): TextRun {
  const font = style.font ?? FONT.body;
  return new TextRun({ text, font: { ascii: font, eastAsia: font, hAnsi: font }, size: SIZE, bold: style.bold, strike: style.strike, underline: style.underline ? {} : undefined });
}

/**
 * One side of the redline: the old side keeps equal and deleted runs (deleted struck through), the
 * new side keeps equal and inserted runs (inserted underlined and bold).
 */
function side(entry: ComparisonEntry, which: 'before' | 'after'): Paragraph[] {
  const ref = which === 'before' ? entry.beforeRef : entry.afterRef;
  if (ref === null) return [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(which === 'before' ? '（新增）' : '（删除）', { font: FONT.head })] })];
  const keep = which === 'before' ? 'delete' : 'insert';
  const runs = (segments: RedlineSegment[]) =>
    segments
      .filter((s) => s.op === 'equal' || s.op === keep)
      .map((s) => (s.op === 'equal' ? run(s.text) : which === 'before' ? run(s.text, { strike: true }) : run(s.text, { bold: true, underline: true })));
  const heading = runs(entry.heading);
  const text = runs(entry.text);
  const children = [run(ref ? `${ref} ` : '', { font: FONT.head }), ...heading, ...(heading.length && text.length ? [run('。')] : []), ...text];
  return [new Paragraph({ alignment: AlignmentType.JUSTIFIED, children })];
}

const WIDTHS = { before: 40, after: 40, note: 20 };

/**
 * 修改对照表: 原条文 | 修改后条文 | 修改说明, clause by clause for the changed clauses, with the
 * redline; the header row repeats on every page, page numbers at the foot.
 */
export async function comparisonTableDocx(title: string, subtitle: string, entries: ComparisonEntry[]): Promise<Buffer> {
  const headCell = (text: string, width: number) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      verticalAlign: VerticalAlignTable.CENTER,
      children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, { font: FONT.head, bold: true })] })],
    });
  const rows = [
    new TableRow({ tableHeader: true, children: [headCell('原条文', WIDTHS.before), headCell('修改后条文', WIDTHS.after), headCell('修改说明', WIDTHS.note)] }),
    ...entries.map(
      (e) =>
        new TableRow({
          children: [
            ...(['before', 'after'] as const).map((which) => new TableCell({ width: { size: WIDTHS[which], type: WidthType.PERCENTAGE }, children: side(e, which) })),
            new TableCell({
              width: { size: WIDTHS.note, type: WidthType.PERCENTAGE },
              children: (e.note || '—').split('\n').map((line) => new Paragraph({ children: [run(line)] })),
            }),
          ],
        }),
    ),
  ];
  const body: (Paragraph | Table)[] = [
    annexLabel(),
    titleParagraph(title),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(subtitle)] }),
    new Paragraph({ spacing: { after: 120 }, children: [run('说明：删除的文字以删除线标示，新增的文字以加粗下划线标示。')] }),
    entries.length
      ? new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows })
      : new Paragraph({ alignment: AlignmentType.CENTER, children: [run('两稿条文无修改。')] }),
  ];
  return Packer.toBuffer(new Document({ title, evenAndOddHeaderAndFooters: true, styles: { default: { document: { run: { font: FONT.body, size: SIZE } } } }, sections: [landscapeSection(body)] }));
}

/** Where a clause is cited in a version (二、（三）9.); the label where the map has none. */
export type ClauseCitations = Map<string, { ref: string }>;

/** Two versions of a draft, compared for the 修改对照表 (plain data: it is rendered on a render thread). */
export interface ComparisonInput {
  title: string;
  subtitle: string;
  before: KeyedClause[];
  after: KeyedClause[];
  refsBefore: ClauseCitations;
  refsAfter: ClauseCitations;
  /** 修改说明 by lineage key */
  notes: Map<string, string>;
}

/** 修改对照表 of two versions: the clause-by-clause diff with its redlines (the costly part), then the table. */
export function comparisonTableOfVersions(input: ComparisonInput): Promise<Buffer> {
  const diff = diffVersions(flattenForDiff(input.before), flattenForDiff(input.after));
  const plain = (s: string | undefined): RedlineSegment[] => (s ? [{ op: 'equal', text: s }] : []);
  const entries: ComparisonEntry[] = diff.changes
    .filter((c) => c.status === 'changed' || c.status === 'added' || c.status === 'deleted')
    .map((c) => ({
      status: c.status as ComparisonEntry['status'],
      beforeRef: c.before ? (input.refsBefore.get(c.lineageKey)?.ref ?? c.before.label) : null,
      afterRef: c.after ? (input.refsAfter.get(c.lineageKey)?.ref ?? c.after.label) : null,
      heading: c.headingRedline ?? plain((c.after ?? c.before)!.heading),
      text: c.redline ?? plain((c.after ?? c.before)!.text),
      note: input.notes.get(c.lineageKey) ?? '',
    }));
  return comparisonTableDocx(input.title, input.subtitle, entries);
}
