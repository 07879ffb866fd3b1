import { DraftingErrors } from '../errors';
import { startsStructure } from './markers';
import { MAX_TEXT_CHARS } from './text-source';

export const MAX_PDF_BYTES = 50 * 1024 * 1024;
export const MAX_PDF_PAGES = 1000;
/** Reading stops after this much time: a PDF built to be slow must not hold a request for minutes. */
export const PDF_TIME_LIMIT_MS = 15_000;

interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/**
 * The text of a PDF with a text layer, as lines a text file would have: items on one baseline
 * make a line (left to right), a wide gap splits a two-column signature block into two lines and
 * a table row into tab-separated cells, and the running header and footer that repeat on most
 * pages are dropped (page numbers go with the line normaliser). Lines are soft: the importer
 * joins lines the page broke.
 */
export async function pdfToText(buffer: Buffer): Promise<string> {
  if (buffer.length > MAX_PDF_BYTES) throw DraftingErrors.importFileTooLarge('50MB');
  const started = Date.now();
  const { getDocumentProxy } = await import('unpdf');
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(buffer), { isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 } as never);
  } catch (err) {
    throw pdfError(err);
  }
  try {
    if (pdf.numPages > MAX_PDF_PAGES) throw DraftingErrors.importPdfTooManyPages(pdf.numPages, MAX_PDF_PAGES, { pages: pdf.numPages });
    const pages: Row[][] = [];
    let chars = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      if (Date.now() - started > PDF_TIME_LIMIT_MS) throw DraftingErrors.importPdfTooSlow({ pages: pdf.numPages, readPages: n - 1 });
      let rows: Row[];
      try {
        const page = await pdf.getPage(n);
        const content = await page.getTextContent();
        rows = pageRows(
          (content.items as { str?: string; transform: number[]; width: number }[])
            .filter((i) => typeof i.str === 'string' && i.str !== '')
            .map((i) => ({ str: i.str!, x: i.transform[4], y: i.transform[5], width: i.width, size: Math.hypot(i.transform[2], i.transform[3]) || 12 })),
        );
        page.cleanup();
      } catch (err) {
        if ((err as { code?: string })?.code?.startsWith?.('IMPORT_')) throw err;
        throw pdfError(err);
      }
      chars += rows.reduce((s, r) => s + r.cells.reduce((t, c) => t + c.length, 0), 0);
      if (chars > MAX_TEXT_CHARS) throw DraftingErrors.importPdfTooMuchText();
      pages.push(rows);
    }
    if (!pages.some((p) => p.some((r) => r.cells.some((c) => /[\p{L}\p{N}]/u.test(c))))) {
      throw DraftingErrors.importPdfNoTextLayer({ pages: pdf.numPages });
    }
    return rowsToLines(dropRunningRows(pages)).map((p) => p.join('\n')).join('\n');
  } finally {
    await pdf.loadingTask.destroy().catch(() => undefined);
  }
}

function pdfError(err: unknown) {
  const e = err as { name?: string; message?: string };
  if (e?.name === 'PasswordException' || /password/i.test(String(e?.message))) {
    return DraftingErrors.importPdfEncrypted({});
  }
  return DraftingErrors.importBadPdf({ reason: String(e?.message ?? err) });
}

const SIGNATORY = /(?:厅|局|委|办|办公室|政府|公司|单位|室|会|院|部|处|中心|组|小组|\d{4}年\d{1,2}月\d{1,2}日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)$/;

interface Row {
  cells: string[];
  left: number;
  right: number;
  size: number;
}

/** Items to rows: top to bottom, left to right; small gaps become spaces, wide ones split cells. */
function pageRows(items: TextItem[]): Row[] {
  items.sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextItem[][] = [];
  for (const item of items) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(g[0].y - item.y) <= Math.max(2, Math.min(g[0].size, item.size) * 0.5)) g.push(item);
    else groups.push([item]);
  }
  return groups.map((raw) => {
    const g = overlaid(raw);
    g.sort((a, b) => a.x - b.x);
    const cells: string[] = [''];
    let end = g[0].x;
    for (const item of g) {
      const gap = item.x - end;
      if (cells[cells.length - 1] !== '' && gap > item.size * 3) cells.push('');
      else if (cells[cells.length - 1] !== '' && gap > item.size * 0.25) cells[cells.length - 1] += ' ';
      cells[cells.length - 1] += item.str;
      end = Math.max(end, item.x + item.width);
    }
    return { cells: cells.map((c) => c.trim()).filter(Boolean), left: g[0].x, right: end, size: g[0].size };
  });
}

const WIDE = /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/**
 * Glyphs a font lacked, drawn over the run that holds their place: LibreOffice writes “” in a
 * fallback font as items of their own above the spaces left for them in the Chinese run. Each is
 * put back into the run where it stands (wide characters take the font size, the others share the
 * rest of the run's width), replacing the space there.
 */
function overlaid(items: TextItem[]): TextItem[] {
  const runs = items.filter((i) => i.str.length > 2);
  if (!runs.length) return items;
  const placed = new Map<TextItem, { at: number; str: string }[]>();
  const rest = items.filter((i) => {
    if (i.str.length > 2 || !i.str.trim()) return true;
    const run = runs.find((r) => i.x > r.x + r.size * 0.3 && i.x + i.width < r.x + r.width + r.size * 0.3 && Math.abs(r.y - i.y) < r.size * 0.3);
    if (!run) return true;
    const chars = [...run.str];
    const wide = chars.filter((c) => WIDE.test(c)).length;
    const narrow = (run.width - wide * run.size) / Math.max(1, chars.length - wide);
    let x = run.x;
    let at = 0;
    while (at < chars.length && x + (WIDE.test(chars[at]) ? run.size : narrow) / 2 < i.x) x += WIDE.test(chars[at++]) ? run.size : narrow;
    const near = [at, at - 1, at + 1].find((k) => chars[k] === ' ');
    if (near === undefined) return true;
    (placed.get(run) ?? placed.set(run, []).get(run)!).push({ at: near, str: i.str });
    return false;
  });
  if (!placed.size) return items;
  return rest.map((r) => {
    const put = placed.get(r);
    if (!put) return r;
    const chars = [...r.str];
    for (const p of put) chars[p.at] = p.str;
    return { ...r, str: chars.join('') };
  });
}

/**
 * Rows to lines. A line that reaches the text's right margin was broken by the page: the next one
 * continues it unless indented or opening a clause (so a sentence ending at the margin does not end
 * its paragraph). Two short names or dates side by side are a two-column signature: two lines; other
 * rows of several cells are tab-separated table rows.
 */
function rowsToLines(pages: Row[][]): string[][] {
  const all = pages.flat().filter((r) => r.cells.length === 1);
  const left = Math.min(...all.map((r) => r.left));
  const ends = new Map<number, number>();
  for (const r of all) if (r.cells[0].length >= 15) ends.set(Math.round(r.right / 4), (ends.get(Math.round(r.right / 4)) ?? 0) + 1);
  const margin = ends.size ? [...ends].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0] * 4 : Infinity;
  return pages.map((rows) => {
    const out: string[] = [];
    let fullWidth = false;
    for (const row of rows) {
      const text = row.cells.join('');
      const wasFull = fullWidth;
      fullWidth = row.cells.length === 1 && row.right >= margin - row.size * 1.5;
      if (row.cells.length === 2 && row.cells.every((c) => c.length <= 30 && SIGNATORY.test(c.replace(/\s+/g, '')))) out.push(...row.cells);
      else if (wasFull && row.cells.length === 1 && row.left <= left + row.size * 1.5 && !startsStructure(text.replace(/\s+/g, '')) && out.length) out[out.length - 1] += row.cells[0];
      else out.push(row.cells.join('\t'));
    }
    return out;
  });
}

/** The same header or footer on most pages (digits aside: 第3页, — 3 —) is the page's, not the text's. */
function dropRunningRows(pages: Row[][]): Row[][] {
  if (pages.length < 3) return pages;
  const key = (r: Row | undefined) => (r?.cells.join('') ?? '').replace(/\s+/g, '').replace(/[0-9０-９]+/g, '#');
  const count = new Map<string, number>();
  for (const p of pages) {
    for (const l of new Set([...p.slice(0, 2), ...p.slice(-2)].map(key))) if (l) count.set(l, (count.get(l) ?? 0) + 1);
  }
  const running = new Set([...count].filter(([, n]) => n >= Math.max(3, pages.length * 0.5)).map(([k]) => k));
  if (running.size === 0) return pages;
  return pages.map((p) =>
    p.filter((l, i) => {
      const edge = i < 2 || i >= p.length - 2;
      return !(edge && running.has(key(l)));
    }),
  );
}
