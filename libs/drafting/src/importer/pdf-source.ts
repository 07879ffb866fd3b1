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
  const { getDocumentProxy, getResolvedPDFJS } = await import('unpdf');
  const getOps = getResolvedPDFJS as unknown as () => Promise<{ OPS: Record<string, number> }>;
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
        const items = (content.items as { str?: string; transform: number[]; width: number }[])
          .filter((i) => typeof i.str === 'string' && i.str !== '')
          .map((i) => ({ str: i.str!, x: i.transform[4], y: i.transform[5], width: i.width, size: Math.hypot(i.transform[2], i.transform[3]) || 12 }));
        // a page whose lines have wide gaps may hold a ruled table: its borders say where rows and cells are
        const grids = mayHoldTable(items) ? ruledGrids(await page.getOperatorList(), (await getOps()).OPS) : [];
        rows = grids.length ? withTables(items, grids) : pageRows(items);
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
  /** baseline, to put a table's rows among the page's lines */
  y?: number;
  /** a row of a ruled table: its cells as the borders cut them, empty ones kept */
  table?: boolean;
}

// ---------------------------------------------------------------- ruled tables

/** A table drawn with borders: row bands top to bottom, and per band the x where its cells start and end. */
interface Grid {
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** the column edges of the whole table, left to right */
  columns: number[];
  /** per row band: top, bottom, the edges of its cells (a subset of columns: merged cells span) and
   * the stretches of its top border (a cell merged down from the band above has none over it) */
  bands: { top: number; bottom: number; edges: number[]; ruledAbove: [number, number][] }[];
}

interface Segment {
  a: number; // x of a horizontal segment's start, y of a vertical one's
  b: number;
  at: number; // its y (horizontal) or x (vertical)
}

/** Whether the text alone suggests a table: several lines whose items leave a gap of two characters or more. */
function mayHoldTable(items: TextItem[]): boolean {
  const byLine = new Map<number, TextItem[]>();
  for (const i of items) {
    const key = Math.round(i.y / 2);
    (byLine.get(key) ?? byLine.set(key, []).get(key)!).push(i);
  }
  let gappy = 0;
  for (const line of byLine.values()) {
    if (line.length < 2) continue;
    line.sort((a, b) => a.x - b.x);
    for (let k = 1; k < line.length; k++) {
      if (line[k].x - (line[k - 1].x + line[k - 1].width) > line[k].size * 2) {
        if (++gappy >= 2) return true;
        break;
      }
    }
  }
  return false;
}

const CLIP_ONLY = 28; // OPS.endPath: a path that only clips draws nothing

/**
 * The ruled tables of a page from its drawing operators: stroked lines and the thin filled
 * rectangles Word draws borders with, horizontal and vertical, gathered into grids (at least two
 * row bands, each closed left and right by a vertical border).
 */
function ruledGrids(list: { fnArray: number[]; argsArray: unknown[] }, OPS: Record<string, number>): Grid[] {
  const h: Segment[] = [];
  const v: Segment[] = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  const apply = (x: number, y: number): [number, number] => [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]];
  const add = (x1: number, y1: number, x2: number, y2: number) => {
    if (Math.abs(y1 - y2) < 0.6 && Math.abs(x2 - x1) > 3) h.push({ a: Math.min(x1, x2), b: Math.max(x1, x2), at: (y1 + y2) / 2 });
    else if (Math.abs(x1 - x2) < 0.6 && Math.abs(y2 - y1) > 3) v.push({ a: Math.min(y1, y2), b: Math.max(y1, y2), at: (x1 + x2) / 2 });
  };
  for (let k = 0; k < list.fnArray.length; k++) {
    const fn = list.fnArray[k];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform) {
      const [a, b, c, d, e, f] = list.argsArray[k] as number[];
      ctm = [ctm[0] * a + ctm[2] * b, ctm[1] * a + ctm[3] * b, ctm[0] * c + ctm[2] * d, ctm[1] * c + ctm[3] * d, ctm[0] * e + ctm[2] * f + ctm[4], ctm[1] * e + ctm[3] * f + ctm[5]];
    } else if (fn === OPS.constructPath) {
      const [paint, data] = list.argsArray[k] as [number, ArrayLike<number>[] | ArrayLike<number>];
      if (paint === CLIP_ONLY) continue;
      const path = (Array.isArray(data) ? data[0] : data) as ArrayLike<number> | undefined;
      if (!path) continue;
      // DrawOPS: 0 moveTo x y · 1 lineTo x y · 2 curveTo 6 numbers · 3 quadraticCurveTo 4 · 4 closePath
      const points: [number, number][] = [];
      let start: [number, number] | null = null;
      let last: [number, number] | null = null;
      for (let i = 0; i < path.length; ) {
        const op = path[i];
        if (op === 0 || op === 1) {
          const p = apply(path[i + 1], path[i + 2]);
          if (op === 1 && last) add(last[0], last[1], p[0], p[1]);
          if (op === 0) start = p;
          last = p;
          points.push(p);
          i += 3;
        } else if (op === 2) {
          last = apply(path[i + 5], path[i + 6]);
          i += 7;
        } else if (op === 3) {
          last = apply(path[i + 3], path[i + 4]);
          i += 5;
        } else if (op === 4) {
          if (start && last) add(last[0], last[1], start[0], start[1]);
          last = start;
          i += 1;
        } else break;
      }
      // a thin filled rectangle is a border line
      if (points.length >= 4) {
        const xs = points.map((p) => p[0]);
        const ys = points.map((p) => p[1]);
        const [x1, x2, y1, y2] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        if (y2 - y1 < 2.5 && x2 - x1 > 3) h.push({ a: x1, b: x2, at: (y1 + y2) / 2 });
        else if (x2 - x1 < 2.5 && y2 - y1 > 3) v.push({ a: y1, b: y2, at: (x1 + x2) / 2 });
      }
    }
  }
  return buildGrids(h, v);
}

const TOL = 1.5;

function buildGrids(h: Segment[], v: Segment[]): Grid[] {
  if (h.length < 3 || v.length < 2) return [];
  // horizontal lines at one height, drawn cell by cell, make one line
  h.sort((p, q) => q.at - p.at || p.a - q.a);
  const lines: Segment[] = [];
  for (const s of h) {
    const l = lines.find((x) => Math.abs(x.at - s.at) < TOL && s.a <= x.b + TOL && s.b >= x.a - TOL);
    if (l) {
      l.a = Math.min(l.a, s.a);
      l.b = Math.max(l.b, s.b);
    } else lines.push({ ...s });
  }
  // the pieces of one border at one height (broken where a cell is merged down over it) are one line
  const rules: (Segment & { pieces: [number, number][] })[] = [];
  for (const l of lines.sort((p, q) => q.at - p.at || p.a - q.a)) {
    const r = rules.find((x) => Math.abs(x.at - l.at) < TOL);
    if (r) {
      r.a = Math.min(r.a, l.a);
      r.b = Math.max(r.b, l.b);
      r.pieces.push([l.a, l.b]);
    } else rules.push({ ...l, pieces: [[l.a, l.b]] });
  }
  lines.length = 0;
  lines.push(...rules);
  lines.sort((p, q) => q.at - p.at);
  const grids: Grid[] = [];
  let current: Grid | null = null;
  for (let k = 0; k + 1 < lines.length; k++) {
    const top = lines[k];
    const bottom = lines[k + 1];
    const mid = (top.at + bottom.at) / 2;
    const left = Math.max(top.a, bottom.a) - TOL;
    const right = Math.min(top.b, bottom.b) + TOL;
    // vertical borders crossing the band between the two lines
    const edges = [...new Set(v.filter((s) => s.a <= mid && s.b >= mid && s.at >= left - TOL && s.at <= right + TOL && s.a <= bottom.at + TOL && s.b >= top.at - TOL).map((s) => Math.round(s.at)))].sort((p, q) => p - q);
    const closed = edges.length >= 3 && edges[0] <= left + 2 * TOL && edges[edges.length - 1] >= right - 2 * TOL;
    if (!closed || top.at - bottom.at < 4) {
      current = null;
      continue;
    }
    if (!current || Math.abs(current.bottom - top.at) > TOL) {
      current = { left: edges[0], right: edges[edges.length - 1], top: top.at, bottom: bottom.at, columns: [], bands: [] };
      grids.push(current);
    }
    current.bands.push({ top: top.at, bottom: bottom.at, edges, ruledAbove: (top as Segment & { pieces?: [number, number][] }).pieces ?? [[top.a, top.b]] });
    current.bottom = bottom.at;
    current.left = Math.min(current.left, edges[0]);
    current.right = Math.max(current.right, edges[edges.length - 1]);
  }
  for (const g of grids) {
    const all = g.bands.flatMap((b) => b.edges).sort((p, q) => p - q);
    g.columns = all.filter((x, i) => i === 0 || x - all[i - 1] > TOL * 2);
  }
  return grids.filter((g) => g.bands.length >= 2 && g.columns.length >= 3);
}

/** The page's rows with each ruled table's text put into its cells: one row per band, a wrapped cell joined up. */
function withTables(items: TextItem[], grids: Grid[]): Row[] {
  const outside: TextItem[] = [];
  const cells = new Map<Grid, TextItem[][][]>(grids.map((g) => [g, g.bands.map(() => g.columns.slice(1).map(() => [] as TextItem[]))]));
  for (const item of items) {
    const midY = item.y + item.size * 0.35;
    const midX = item.x + Math.min(item.width, item.size) / 2;
    const g = grids.find((t) => midY <= t.top && midY >= t.bottom && midX >= t.left && midX <= t.right);
    const band = g ? g.bands.findIndex((b) => midY <= b.top && midY >= b.bottom) : -1;
    if (!g || band < 0) {
      outside.push(item);
      continue;
    }
    // the cell of its band it starts in, filed under the grid column where that cell starts
    const edges = g.bands[band].edges;
    let e = 0;
    while (e + 1 < edges.length - 1 && midX >= edges[e + 1]) e++;
    const col = Math.max(0, g.columns.findIndex((x) => Math.abs(x - edges[e]) <= TOL * 2));
    cells.get(g)![band][Math.min(col, g.columns.length - 2)].push(item);
  }
  const rows = pageRows(outside).map((r) => r);
  for (const g of grids) {
    let above: string[] = [];
    g.bands.forEach((b, k) => {
      const texts = cells.get(g)![k].map(cellText);
      // a cell merged down over this band (no border over it) holds the text of the band above, as Word's merged cells read
      if (k > 0) {
        texts.forEach((t, c) => {
          const mid = (g.columns[c] + g.columns[c + 1]) / 2;
          if (!t && above[c] && !b.ruledAbove.some(([a, z]) => a - TOL <= mid && mid <= z + TOL)) texts[c] = above[c];
        });
      }
      above = texts;
      if (texts.every((t) => t === '')) return;
      rows.push({ cells: texts, left: g.left, right: g.right, size: 12, y: b.top, table: true });
    });
  }
  return rows.sort((p, q) => (q.y ?? 0) - (p.y ?? 0));
}

/** A cell's text: its lines top to bottom, each left to right, joined as the wrap broke them (no space between Chinese). */
function cellText(items: TextItem[]): string {
  if (!items.length) return '';
  return pageRows(items)
    .map((r) => r.cells.join(' '))
    .reduce((text, line) => (text && /[A-Za-z0-9]$/.test(text) && /^[A-Za-z0-9]/.test(line) ? `${text} ${line}` : text + line), '')
    .replace(/\t/g, ' ');
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
    return { cells: cells.map((c) => c.trim()).filter(Boolean), left: g[0].x, right: end, size: g[0].size, y: raw[0].y };
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
      if (row.table) {
        // a ruled table's row: its cells, empty ones kept so the columns line up
        out.push(row.cells.map((c) => c || ' ').join('\t'));
        fullWidth = false;
        continue;
      }
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
