/**
 * A blank category cell under its category is printed merged with it (one cell over the rows), and
 * a merged cell reads back as the category on each row: the rows a .docx round trip must give back.
 */
export function mergedCategories(rows: string[][]): string[][] {
  const out = rows.map((r) => [...r]);
  const header = rows[0] ?? [];
  for (let j = 0; j < header.length - 1; j++) {
    if (j > 0 && !/类别|分类|类型|领域|方面/.test(header[j] ?? '')) continue;
    for (let i = 2; i < out.length; i++) if (!out[i][j]?.trim() && out[i - 1][j]?.trim() && out[i].some((c, k) => k !== j && c.trim())) out[i][j] = out[i - 1][j];
  }
  return out;
}
