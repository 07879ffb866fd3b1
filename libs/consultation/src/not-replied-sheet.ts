import { bodyStyles, fittedHeight, printableSheet } from '@zq/drafting/documents';
import ExcelJS from 'exceljs';

const COLUMNS = ['序号', '单位', '状态', '截止时间', '是否延期', '最近催办', '联系人', '联系电话', '电子邮箱'];
const WIDTHS = [6, 20, 12, 18, 9, 18, 30, 28, 34];

/**
 * 未反馈单位名单 as .xlsx, printed for the phone follow-up: A4 landscape, title first, the header on
 * every page, rows that fit. `rows`: one line of texts per unit, in the columns' order (序号 first).
 * Plain data in and out: it is rendered on a render thread.
 */
export async function notRepliedSheetXlsx(line: string, rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '征求意见系统';
  const sheet = printableSheet(book, '未反馈单位', { title: '未反馈单位名单', lines: [line], columns: COLUMNS, widths: WIDTHS });
  const styles = bodyStyles([true, false, true, true, true, true, false, false, false]);
  rows.forEach((values) => {
    const row = sheet.addRow([Number(values[0]), ...values.slice(1)]);
    styles.forEach((style, n) => (row.getCell(n + 1).style = style));
    row.height = fittedHeight(values, WIDTHS);
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
