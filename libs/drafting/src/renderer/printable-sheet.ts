import type ExcelJS from 'exceljs';

/** Punctuation that may not begin a line: it stays with the character before it. */
const NO_LINE_START = new Set([...'，。；：、？！）》」』】〕…,.;:?!)]}%']);
const isWide = (ch: string) => ch.codePointAt(0)! > 0xff;

/**
 * Lines a wrapped cell of `width` (Excel width units: digits of the default 11 pt font, 7 px each)
 * takes in a `fontPt` CJK font: a CJK character is one em, Latin half; CJK breaks anywhere,
 * a Latin run (an e-mail, a phone number) only at spaces, punctuation or a CJK character.
 */
export function wrappedLines(text: string, width: number, fontPt = 11): number {
  // usable pixels (the cell's margins off) over the pixels of one CJK character
  const perLine = Math.max(1, (width * 7 + 5 - 8) / ((fontPt * 4) / 3));
  return String(text ?? '')
    .split('\n')
    .reduce((sum, paragraph) => {
      const tokens: { text: string; w: number }[] = [];
      for (const ch of paragraph) {
        const w = isWide(ch) ? 1 : 0.5;
        const prev = tokens[tokens.length - 1];
        const latin = !isWide(ch) && ch !== ' ';
        if (prev && (NO_LINE_START.has(ch) || (latin && !isWide(prev.text.slice(-1)) && prev.text.slice(-1) !== ' ' && !NO_LINE_START.has(prev.text.slice(-1))))) {
          prev.text += ch;
          prev.w += w;
        } else tokens.push({ text: ch, w });
      }
      let lines = 1;
      let used = 0;
      for (const t of tokens) {
        if (t.text === ' ' && used === 0) continue; // a space at a line's start is not drawn
        if (used + t.w <= perLine) used += t.w;
        else if (t.w <= perLine) {
          lines += 1;
          used = t.text === ' ' ? 0 : t.w;
        } else {
          // a run longer than a line is cut where the line ends
          const rest = used + t.w - perLine;
          lines += Math.ceil(rest / perLine);
          used = rest - (Math.ceil(rest / perLine) - 1) * perLine;
        }
      }
      return sum + lines;
    }, 0);
}

/** Row height (points) that shows every line of the row's cells at their column widths: 1.3 lines of the font each, plus the cell's padding. */
export function fittedHeight(values: string[], widths: number[], fontPt = 11): number {
  const lines = Math.max(1, ...values.map((v, i) => wrappedLines(String(v ?? ''), widths[i], fontPt)));
  return Math.min(409, Math.ceil(lines * fontPt * 1.3 + 6));
}

const XLSX_FONT = { title: '宋体', head: '黑体', body: '仿宋' };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

/**
 * A worksheet as offices print one: A4 landscape fitted to the width, the title first (merged over
 * the columns), optional lines under it, then the header row — repeated on every printed page —
 * and bordered, wrapped body rows whose heights fit their text.
 */
export function printableSheet(book: { addWorksheet: ExcelJS.Workbook['addWorksheet'] }, name: string, opts: { title: string; lines: string[]; columns: readonly string[]; widths: number[] }) {
  const headerRow = 2 + opts.lines.length;
  const sheet = book.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C— &P —' },
    views: [{ state: 'frozen', ySplit: headerRow }],
  });
  sheet.columns = opts.widths.map((width) => ({ width }));
  const last = String.fromCharCode(64 + opts.columns.length);
  sheet.mergeCells(`A1:${last}1`);
  const titleRow = sheet.getRow(1);
  titleRow.getCell(1).value = opts.title;
  titleRow.getCell(1).font = { name: XLSX_FONT.title, size: 16, bold: true };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  titleRow.height = 32;
  titleRow.commit();
  opts.lines.forEach((line, i) => {
    sheet.mergeCells(`A${2 + i}:${last}${2 + i}`);
    const row = sheet.getRow(2 + i);
    row.getCell(1).value = line;
    row.getCell(1).font = { name: XLSX_FONT.body, size: 11 };
    row.getCell(1).alignment = { wrapText: true, vertical: 'middle' };
    row.height = fittedHeight([line], [opts.widths.reduce((a, b) => a + b, 0)]);
    row.commit();
  });
  const head = sheet.getRow(headerRow);
  opts.columns.forEach((c, i) => {
    const h = head.getCell(i + 1);
    h.value = c;
    h.font = { name: XLSX_FONT.head, size: 11, bold: true };
    h.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    h.border = THIN;
    h.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  head.height = 22;
  head.commit();
  return sheet;
}

/** Body cell styles of a printable sheet: shared objects (exceljs caches styles by object; one per cell costs seconds per 100,000 rows). */
export function bodyStyles(centered: boolean[]): Partial<ExcelJS.Style>[] {
  const font = { name: XLSX_FONT.body, size: 11 };
  const center: Partial<ExcelJS.Style> = { font, border: THIN, alignment: { horizontal: 'center', vertical: 'top', wrapText: true } };
  const wrap: Partial<ExcelJS.Style> = { font, border: THIN, alignment: { vertical: 'top', wrapText: true } };
  return centered.map((c) => (c ? center : wrap));
}

