import ExcelJS from 'exceljs';
import type { ReplyBlock } from './blocks';
import { replyError } from './errors';

/** Sheets beyond this many rows or columns are not a reply table (a mistaken export). */
const MAX_ROWS = 5000;
const MAX_COLS = 60;

/**
 * Reads every visible worksheet of an .xlsx as one table. Merged cells: a range's text stays in its
 * first column and is repeated down the rows it spans (one 条款 cell merged over three comments
 * points all three at that clause); the other columns of a wide merge read as empty.
 */
export async function xlsxBlocks(buffer: Buffer): Promise<{ blocks: ReplyBlock[]; hasImages: boolean }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (err) {
    throw replyError('REPLY_CORRUPT', { reason: String(err?.message ?? err) });
  }
  const blocks: ReplyBlock[] = [];
  let hasImages = false;
  for (const ws of wb.worksheets) {
    if (ws.state === 'hidden' || ws.state === 'veryHidden') continue;
    if (ws.getImages().length) hasImages = true;
    const rowCount = Math.min(ws.rowCount, MAX_ROWS);
    const colCount = Math.min(ws.columnCount, MAX_COLS);
    const rows: string[][] = [];
    for (let r = 1; r <= rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= colCount; c++) {
        const cell = row.getCell(c);
        if (cell.isMerged && cell.master.address !== cell.address && cell.master.col !== cell.col) {
          cells.push('');
          continue;
        }
        cells.push(cellText(cell.isMerged ? cell.master : cell));
      }
      rows.push(cells);
    }
    if (rows.some((r) => r.some((c) => c.trim()))) blocks.push({ type: 'table', rows });
  }
  return { blocks, hasImages };
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return `${v.getUTCFullYear()}年${v.getUTCMonth() + 1}月${v.getUTCDate()}日`;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'result' in v) return v.result === undefined || v.result === null ? '' : String(v.result);
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  return String(v);
}
