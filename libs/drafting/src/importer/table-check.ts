import type { SourceTable } from './blocks';
import type { WarningLog } from './warning-log';

const NUMBER = /^[≥≤<>＞＜约]?\s*[-+]?\d[\d,]*(?:\.\d+)?\s*[%‰]?$/;
/** A column this consistent is a typed column: a row that breaks it is suspect. */
const CONSISTENT = 0.8;

/**
 * Flags rows whose cells look shifted (PDF extraction moves a cell left or right): text in a
 * column of numbers, or a gap in a column every other row fills. Rows are kept as printed.
 */
export function checkTableRows(table: SourceTable, warnings: WarningLog): void {
  const [header, ...data] = table.rows;
  if (!header || data.length < 3) return;
  const width = Math.max(...table.rows.map((r) => r.length));
  const numeric: boolean[] = [];
  const filled: boolean[] = [];
  for (let c = 0; c < width; c++) {
    const values = data.map((r) => (r[c] ?? '').normalize('NFKC'));
    numeric.push(share(values, (v) => NUMBER.test(v)) >= CONSISTENT);
    filled.push(share(values, (v) => v !== '') >= CONSISTENT);
  }
  data.forEach((row, i) => {
    const problems: string[] = [];
    if (row.length !== header.length) problems.push(`该行有${row.length}格，表头有${header.length}格`);
    for (let c = 0; c < width; c++) {
      const v = (row[c] ?? '').normalize('NFKC');
      const column = header[c] ? `“${header[c]}”列` : `第${c + 1}列`;
      if (numeric[c] && v !== '' && !NUMBER.test(v)) problems.push(`${column}应为数字`);
      else if (filled[c] && v === '') problems.push(`${column}为空`);
    }
    if (problems.length === 0) return;
    const line = table.rowLines[i + 1];
    warnings.add('TABLE_ROW_SUSPECT', `${warnings.at(line)}表格第${i + 1}行的单元格可能错位（${problems.join('，')}），已按原样导入，请核对原文`, line);
  });
}

function share(values: string[], test: (v: string) => boolean): number {
  return values.filter(test).length / values.length;
}
