import JSZip from 'jszip';
import { inflateRawSync } from 'node:zlib';
import type { SourceBlock } from './blocks';
import { DraftingErrors } from '../errors';
import { toChineseNumeral } from './numerals';

/**
 * Reads a .docx from its XML (word/document.xml, numbering.xml, styles.xml) rather than through
 * mammoth, which drops what offices depend on: Word's automatic numbering (一、 （一） 1. typed by
 * Word, not by the author), headings numbered by their style, and merged table cells.
 */

/** An XML element: its tag, attributes and children (text as strings). */
export interface XmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

const XML_ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const MAX_DEPTH = 256;
/** shared by the many elements without attributes (w:r, w:t, w:p from LibreOffice): never written to */
const NO_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * Elements that carry only formatting (run properties, table look, section layout, style defaults):
 * nothing the importer reads is inside them, and in a long document they are most of the XML (every
 * run repeats its fonts and sizes). The scanner steps over them without building them.
 */
const SKIPPED = new Set([
  'w:rPr', 'w:tblPr', 'w:tblGrid', 'w:sectPr', 'w:latentStyles', 'w:docDefaults', 'w:proofErr', 'w:bookmarkStart', 'w:bookmarkEnd', 'mc:Fallback', 'w:rsids',
  // paragraph and cell layout
  'w:ind', 'w:spacing', 'w:jc', 'w:widowControl', 'w:snapToGrid', 'w:adjustRightInd', 'w:autoSpaceDE', 'w:autoSpaceDN', 'w:kinsoku', 'w:overflowPunct', 'w:wordWrap', 'w:textAlignment', 'w:tabs', 'w:shd', 'w:pBdr', 'w:keepNext', 'w:keepLines', 'w:contextualSpacing', 'w:tcW', 'w:tcBorders', 'w:tcMar', 'w:vAlign', 'w:trHeight', 'w:cantSplit', 'w:tblHeader', 'w:noWrap',
]);

function isNameChar(c: number): boolean {
  // letters, digits, _ : . -
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 46 || c === 45 || c > 127;
}

/** Where the tag opened at `lt` ends ('>' outside quoted attribute values); -1 if it does not. */
function tagEnd(xml: string, from: number): number {
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 62) return i; // >
    if (c === 34 || c === 39) {
      const close = xml.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close < 0) return -1;
      i = close;
    }
  }
  return -1;
}

/**
 * The end of element `tag` whose start tag ends at `gt`: the tags inside are stepped over '<' by '<'
 * (same-named elements nested inside counted: w:rPrChange holds a w:rPr).
 */
function skipElement(xml: string, tag: string, gt: number): number {
  let depth = 1;
  let k = gt + 1;
  for (;;) {
    k = xml.indexOf('<', k);
    if (k < 0) throw new Error(`unclosed <${tag}>`);
    const closing = xml.charCodeAt(k + 1) === 47;
    const nameAt = closing ? k + 2 : k + 1;
    if (xml.startsWith(tag, nameAt) && !isNameChar(xml.charCodeAt(nameAt + tag.length))) {
      const end = tagEnd(xml, nameAt + tag.length);
      if (end < 0) throw new Error(`unclosed <${tag}>`);
      if (closing) {
        if (--depth === 0) return end + 1;
      } else if (xml.charCodeAt(end - 1) !== 47) depth++;
      k = end + 1;
    } else k = nameAt;
  }
}

/**
 * A small, fast scanner for WordprocessingML (well-formed, no DTD): elements in order, text kept
 * where it can matter (inside w:t always, elsewhere when not blank), formatting-only elements left
 * out (SKIPPED). Throws on broken nesting.
 */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { tag: '', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let top = root;
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      // whitespace between elements matters only inside w:t, which keeps it as a child string
      if (top.tag === 'w:t' || /\S/.test(xml.slice(i, textEnd))) top.children.push(decodeXml(xml.slice(i, textEnd)));
    }
    if (lt < 0) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 47) {
      // </tag>
      const gt = xml.indexOf('>', lt);
      if (gt < 0) throw new Error('unclosed end tag');
      // compared in place: no string made for the commonest tag of all
      if (!(xml.startsWith(top.tag, lt + 2) && (gt === lt + 2 + top.tag.length || !/\S/.test(xml.slice(lt + 2 + top.tag.length, gt))) && top !== root)) {
        throw new Error(`unbalanced </${xml.slice(lt + 2, gt).trim()}>`);
      }
      stack.pop();
      top = stack[stack.length - 1];
      i = gt + 1;
    } else if (c === 63) {
      // <?xml ...?>
      const end = xml.indexOf('?>', lt);
      if (end < 0) throw new Error('unclosed processing instruction');
      i = end + 2;
    } else if (c === 33) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) throw new Error('unclosed comment');
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) throw new Error('unclosed CDATA');
        top.children.push(xml.slice(lt + 9, end));
        i = end + 3;
      } else {
        const end = xml.indexOf('>', lt);
        if (end < 0) throw new Error('unclosed declaration');
        i = end + 1;
      }
    } else {
      let nameEnd = lt + 1;
      while (nameEnd < n && isNameChar(xml.charCodeAt(nameEnd))) nameEnd++;
      if (nameEnd === lt + 1) throw new Error('bad start tag');
      const tag = xml.slice(lt + 1, nameEnd);
      const gt = tagEnd(xml, nameEnd);
      if (gt < 0) throw new Error(`unclosed <${tag}>`);
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      if (SKIPPED.has(tag)) {
        i = selfClosing ? gt + 1 : skipElement(xml, tag, gt);
        continue;
      }
      const el: XmlElement = { tag, attrs: NO_ATTRS, children: [] };
      const attrEnd = selfClosing ? gt - 1 : gt;
      if (attrEnd > nameEnd) {
        const attrs = xml.slice(nameEnd, attrEnd);
        if (attrs.includes('=')) {
          el.attrs = {};
          XML_ATTR.lastIndex = 0;
          for (let a = XML_ATTR.exec(attrs); a; a = XML_ATTR.exec(attrs)) el.attrs[a[1]] = decodeXml(a[2] ?? a[3] ?? '');
        }
      }
      top.children.push(el);
      if (!selfClosing) {
        if (stack.length > MAX_DEPTH) throw new Error('nesting too deep');
        stack.push(el);
        top = el;
      }
      i = gt + 1;
    }
  }
  if (stack.length !== 1) throw new Error('unclosed elements');
  return root;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name[0] !== '#') return XML_ENTITIES[name] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

export function elements(el: XmlElement | undefined, tag?: string): XmlElement[] {
  if (!el) return [];
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c !== 'string' && (tag === undefined || c.tag === tag)) out.push(c);
  return out;
}

export function first(el: XmlElement | undefined, tag: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (typeof c !== 'string' && c.tag === tag) return c;
  return undefined;
}

export function val(el: XmlElement | undefined): string | undefined {
  return el?.attrs['w:val'];
}

// ---------------------------------------------------------------- numbering

interface LevelFormat {
  fmt: string;
  text: string;
  start: number;
}

const STEMS = '甲乙丙丁戊己庚辛壬癸';
const BRANCHES = '子丑寅卯辰巳午未申酉戌亥';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const PARENTHESISED = '⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇';

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [v, s] of table) while (n >= v) {
    out += s;
    n -= v;
  }
  return out;
}

/** A number as Word shows it in a list level's format (numFmt). */
export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographDigital':
      return toChineseNumeral(n);
    case 'ideographTraditional':
      return STEMS[(n - 1) % 10] ?? String(n);
    case 'ideographZodiac':
      return BRANCHES[(n - 1) % 12] ?? String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return CIRCLED[n - 1] ?? String(n);
    case 'decimalEnclosedParen':
      return PARENTHESISED[n - 1] ?? `(${n})`;
    case 'lowerLetter':
      return String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
    case 'upperLetter':
      return String.fromCharCode(65 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'bullet':
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/**
 * Word's automatic numbering: each w:num points at an abstract list; paragraphs of one abstract
 * list count on together (a w:num with startOverride restarts it where it is first used); a
 * level counts up and every deeper level starts again.
 */
export class WordNumbering {
  private readonly levels = new Map<string, LevelFormat>(); // abstractId:ilvl
  private readonly abstractOf = new Map<string, string>(); // numId → abstractId
  private readonly overrides = new Map<string, Map<number, { start?: number; format?: LevelFormat }>>();
  private readonly counters = new Map<string, number[]>();
  private readonly restarted = new Set<string>();

  constructor(root: XmlElement | null) {
    const numbering = root ? first(root, 'w:numbering') : undefined;
    if (!numbering) return;
    for (const el of elements(numbering)) {
      if (el.tag === 'w:abstractNum') {
        const id = el.attrs['w:abstractNumId'] ?? '';
        for (const lvl of elements(el, 'w:lvl')) this.levels.set(`${id}:${lvl.attrs['w:ilvl'] ?? '0'}`, levelFormat(lvl));
      } else if (el.tag === 'w:num') {
        const numId = el.attrs['w:numId'] ?? '';
        this.abstractOf.set(numId, val(first(el, 'w:abstractNumId')) ?? '');
        const map = new Map<number, { start?: number; format?: LevelFormat }>();
        for (const o of elements(el, 'w:lvlOverride')) {
          const ilvl = Number(o.attrs['w:ilvl'] ?? '0');
          const start = val(first(o, 'w:startOverride'));
          const lvl = first(o, 'w:lvl');
          map.set(ilvl, { ...(start !== undefined ? { start: Number(start) } : {}), ...(lvl ? { format: levelFormat(lvl) } : {}) });
        }
        if (map.size) this.overrides.set(numId, map);
      }
    }
  }

  private format(numId: string, abs: string, ilvl: number): LevelFormat | undefined {
    return this.overrides.get(numId)?.get(ilvl)?.format ?? this.levels.get(`${abs}:${ilvl}`);
  }

  /** The label Word shows before the next paragraph numbered (numId, ilvl): "一、", "（一）", "1."; '' for none. */
  next(numId: string, ilvl: number): string {
    if (numId === '0') return '';
    const abs = this.abstractOf.get(numId);
    if (abs === undefined) return '';
    const f = this.format(numId, abs, ilvl);
    if (!f) return '';
    const counters = this.counters.get(abs) ?? [];
    const override = this.overrides.get(numId);
    if (override && !this.restarted.has(numId)) {
      this.restarted.add(numId);
      for (const [level, o] of override) if (o.start !== undefined) counters[level] = o.start - 1;
    }
    counters[ilvl] = (counters[ilvl] ?? f.start - 1) + 1;
    for (let deeper = ilvl + 1; deeper < counters.length; deeper++) counters[deeper] = undefined as never;
    this.counters.set(abs, counters);
    if (f.fmt === 'bullet' || f.fmt === 'none') return '';
    return f.text.replace(/%([1-9])/g, (_, d: string) => {
      const level = Number(d) - 1;
      const lf = this.format(numId, abs, level);
      return formatNumber(counters[level] ?? lf?.start ?? 1, level === ilvl ? f.fmt : (lf?.fmt ?? 'decimal'));
    });
  }
}

function levelFormat(lvl: XmlElement): LevelFormat {
  return {
    fmt: val(first(lvl, 'w:numFmt')) ?? 'decimal',
    text: val(first(lvl, 'w:lvlText')) ?? '',
    start: Number(val(first(lvl, 'w:start')) ?? '1') || 0,
  };
}

// ---------------------------------------------------------------- styles

interface StyleFacts {
  numId?: string;
  ilvl?: number;
  heading?: number;
  basedOn?: string;
}

/** Paragraph styles: the numbering they carry (numbered headings) and which are headings (标题 1 / Heading 1). */
class WordStyles {
  private readonly styles = new Map<string, StyleFacts>();

  constructor(root: XmlElement | null) {
    const styles = root ? first(root, 'w:styles') : undefined;
    for (const s of elements(styles, 'w:style')) {
      if ((s.attrs['w:type'] ?? 'paragraph') !== 'paragraph') continue;
      const id = s.attrs['w:styleId'] ?? '';
      const name = val(first(s, 'w:name')) ?? '';
      const pPr = first(s, 'w:pPr');
      const numPr = first(pPr, 'w:numPr');
      const outline = val(first(pPr, 'w:outlineLvl'));
      const named = /^(?:heading|标题)\s*([1-9])$/i.exec(name) ?? /^(?:Heading|标题)([1-9])$/.exec(id);
      this.styles.set(id, {
        ...(numPr && val(first(numPr, 'w:numId')) !== undefined ? { numId: val(first(numPr, 'w:numId')) } : {}),
        ...(numPr && val(first(numPr, 'w:ilvl')) !== undefined ? { ilvl: Number(val(first(numPr, 'w:ilvl'))) } : {}),
        ...(named ? { heading: Number(named[1]) } : outline !== undefined && Number(outline) < 9 ? { heading: Number(outline) + 1 } : {}),
        ...(val(first(s, 'w:basedOn')) ? { basedOn: val(first(s, 'w:basedOn')) } : {}),
      });
    }
  }

  /** The style's facts, inherited through basedOn. */
  get(id: string | undefined): StyleFacts {
    const out: StyleFacts = {};
    for (let i = 0, cur = id; cur && i < 20; i++) {
      const s = this.styles.get(cur);
      if (!s) break;
      out.numId ??= s.numId;
      out.ilvl ??= s.ilvl;
      out.heading ??= s.heading;
      cur = s.basedOn;
    }
    return out;
  }
}

// ---------------------------------------------------------------- body

/** Unpacked XML beyond this is refused: a zip bomb expands a few kilobytes into gigabytes. */
export const MAX_DOCX_XML_BYTES = 80 * 1024 * 1024;
export const MAX_DOCX_BYTES = 50 * 1024 * 1024;

/** The unpacked size a ZIP entry declares, read before inflating it. */
function declaredSize(file: JSZip.JSZipObject): number {
  const data = (file as unknown as { _data?: { uncompressedSize?: number } })._data;
  // JSZip reads the field as a signed 32-bit number
  return typeof data?.uncompressedSize === 'number' ? data.uncompressedSize >>> 0 : 0;
}

interface JSZipStream {
  on(event: 'data', fn: (chunk: Uint8Array) => void): JSZipStream;
  on(event: 'error', fn: (err: Error) => void): JSZipStream;
  on(event: 'end', fn: () => void): JSZipStream;
  pause(): JSZipStream;
  resume(): JSZipStream;
}

/** The raw bytes of an entry as JSZip read them from the archive (not in its typings). */
function compressedEntry(file: JSZip.JSZipObject): { method: 'deflate' | 'store'; bytes: Uint8Array } | undefined {
  const data = (file as unknown as { _data?: { compressedContent?: unknown; compression?: { magic?: string } } })._data;
  const bytes = data?.compressedContent;
  if (!(bytes instanceof Uint8Array)) return undefined;
  if (data?.compression?.magic === '\x08\x00') return { method: 'deflate', bytes };
  if (data?.compression?.magic === '\x00\x00') return { method: 'store', bytes };
  return undefined;
}

const tooLarge = (name: string) => DraftingErrors.importDocxBomb({ entry: name });
const badZip = (name: string, err: unknown) => DraftingErrors.importDocxBadEntry({ entry: name, reason: String((err as Error)?.message ?? err) });

/**
 * Inflates an entry and stops past `limit`: an entry may lie about its size. Node's zlib does it
 * (several times faster than JSZip's JavaScript inflate on a long document), bounded by
 * maxOutputLength; JSZip's chunked reader is the fallback for entries it holds otherwise.
 */
function inflateBounded(file: JSZip.JSZipObject, name: string, limit: number): Promise<string> {
  const raw = compressedEntry(file);
  if (raw) {
    let out: Uint8Array;
    if (raw.method === 'store') out = raw.bytes;
    else {
      try {
        out = inflateRawSync(raw.bytes, { maxOutputLength: limit + 1, chunkSize: 1 << 20 });
      } catch (err) {
        if ((err as { code?: string })?.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) return Promise.reject(tooLarge(name));
        return Promise.reject(badZip(name, err));
      }
    }
    if (out.length > limit) return Promise.reject(tooLarge(name));
    return Promise.resolve(new TextDecoder('utf-8').decode(out));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    // JSZip's chunked reader (not in its typings): the inflated data arrives piece by piece
    const stream = (file as unknown as { internalStream(t: 'uint8array'): JSZipStream }).internalStream('uint8array');
    stream
      .on('data', (chunk: Uint8Array) => {
        if (done) return;
        total += chunk.length;
        if (total > limit) {
          done = true;
          stream.pause();
          reject(DraftingErrors.importDocxBomb({ entry: name }));
          return;
        }
        chunks.push(Buffer.from(chunk));
      })
      .on('error', (err: Error) => {
        if (done) return;
        done = true;
        reject(DraftingErrors.importDocxBadEntry({ entry: name, reason: String(err?.message ?? err) }));
      })
      .on('end', () => {
        if (done) return;
        done = true;
        resolve(new TextDecoder('utf-8').decode(Buffer.concat(chunks, total)));
      })
      .resume();
  });
}

async function readXml(zip: JSZip, name: string, budget: { left: number; limit: number }): Promise<XmlElement | null> {
  const file = zip.file(name);
  if (!file) return null;
  const size = declaredSize(file);
  if (size > budget.left) throw DraftingErrors.importDocxBomb({ entry: name, bytes: size });
  budget.left -= size;
  const text = await inflateBounded(file, name, budget.limit);
  try {
    return parseXml(text);
  } catch (err) {
    throw DraftingErrors.importDocxBadXml({ entry: name, reason: String((err as Error)?.message ?? err) });
  }
}

/**
 * A .docx as lines and tables: each paragraph one line (a hard paragraph, never joined to the one
 * before), its automatic number written in front as Word shows it, headings marked with their level;
 * tables on Word's grid (a cell spanning columns leaves '' in the columns it covers, a cell merged
 * downwards repeats its text in the rows it covers).
 */
export async function docxXmlBlocks(buffer: Buffer, maxXmlBytes = MAX_DOCX_XML_BYTES): Promise<SourceBlock[]> {
  if (buffer.length > MAX_DOCX_BYTES) throw DraftingErrors.importFileTooLarge('50MB');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch (err) {
    throw DraftingErrors.importDocxUnreadable({ reason: String((err as Error)?.message ?? err) });
  }
  const budget = { left: maxXmlBytes, limit: maxXmlBytes };
  const doc = await readXml(zip, 'word/document.xml', budget);
  const body = first(first(doc ?? undefined, 'w:document'), 'w:body');
  if (!doc || !body) throw DraftingErrors.importDocxNoBody({});
  const reader = new BodyReader(new WordNumbering(await readXml(zip, 'word/numbering.xml', budget)), new WordStyles(await readXml(zip, 'word/styles.xml', budget)));
  reader.container(elements(body));
  return reader.blocks;
}

class BodyReader {
  readonly blocks: SourceBlock[] = [];
  private paragraphNo = 0;

  constructor(
    private readonly numbering: WordNumbering,
    private readonly styles: WordStyles,
  ) {}

  container(nodes: XmlElement[]): void {
    for (const n of nodes) {
      if (n.tag === 'w:p') this.paragraphBlock(n);
      else if (n.tag === 'w:tbl') {
        const rows = this.table(n);
        this.paragraphNo++;
        if (rows.length) this.blocks.push({ type: 'table', rows, line: this.paragraphNo, rowLines: rows.map(() => this.paragraphNo) });
      } else if (n.tag === 'w:sdt') this.container(elements(first(n, 'w:sdtContent')));
      else if (n.tag === 'w:customXml' || n.tag === 'w:ins' || n.tag === 'w:smartTag') this.container(elements(n));
    }
  }

  private paragraphBlock(p: XmlElement): void {
    const { label, heading } = this.numberOf(p);
    const text = label + this.runs(p.children);
    if (!text.trim()) return;
    this.paragraphNo++;
    text.split('\n').forEach((part, i) => {
      this.blocks.push({ type: 'line', text: part, line: this.paragraphNo, ...(i === 0 ? { hard: true } : {}), ...(heading && i === 0 ? { heading } : {}) });
    });
  }

  private numberOf(p: XmlElement): { label: string; heading?: number } {
    const pPr = first(p, 'w:pPr');
    const style = this.styles.get(val(first(pPr, 'w:pStyle')));
    const numPr = first(pPr, 'w:numPr');
    const numId = val(first(numPr, 'w:numId')) ?? style.numId;
    const ilvl = Number(val(first(numPr, 'w:ilvl')) ?? style.ilvl ?? 0);
    const label = numId ? this.numbering.next(numId, ilvl) : '';
    return { label, ...(style.heading ? { heading: style.heading } : {}) };
  }

  /** The text of runs, hyperlinks, insertions, fields and content controls (not deleted text). */
  private runs(nodes: (XmlElement | string)[]): string {
    let out = '';
    for (const n of nodes) {
      if (typeof n === 'string') continue;
      switch (n.tag) {
        case 'w:t':
          out += n.children.filter((c): c is string => typeof c === 'string').join('');
          break;
        case 'w:tab':
          out += ' ';
          break;
        case 'w:br':
        case 'w:cr':
          out += n.attrs['w:type'] === 'page' ? '' : '\n';
          break;
        case 'w:noBreakHyphen':
          out += '-';
          break;
        case 'w:del':
        case 'w:delText':
        case 'w:pPr':
        case 'w:rPr':
        case 'w:instrText':
        case 'w:fldData':
        case 'mc:Fallback':
          break;
        case 'w:p':
          out += (out ? '\n' : '') + this.numberOf(n).label + this.runs(n.children);
          break;
        case 'w:tbl':
          out += (out ? '\n' : '') + this.table(n).map((r) => r.filter(Boolean).join(' ')).join('\n');
          break;
        default:
          if (n.tag.startsWith('w:') || n.tag.startsWith('w14:') || n.tag.startsWith('mc:') || n.tag.startsWith('wps:') || n.tag === 'wp:inline' || n.tag === 'wp:anchor' || n.tag.startsWith('a:') || n.tag === 'v:textbox' || n.tag.startsWith('v:') || n.tag.startsWith('wpg:')) out += this.runs(n.children);
      }
    }
    return out;
  }

  private table(tbl: XmlElement): string[][] {
    const rows: string[][] = [];
    /** per grid column: the text of a vertically merged cell that started above */
    const above: (string | undefined)[] = [];
    for (const tr of elements(tbl, 'w:tr')) {
      const row: string[] = [];
      const trPr = first(tr, 'w:trPr');
      const skipBefore = Number(val(first(trPr, 'w:gridBefore')) ?? '0') || 0;
      for (let i = 0; i < skipBefore; i++) row.push('');
      for (const tcOrSdt of elements(tr)) {
        const tc = tcOrSdt.tag === 'w:sdt' ? first(first(tcOrSdt, 'w:sdtContent'), 'w:tc') : tcOrSdt.tag === 'w:tc' ? tcOrSdt : undefined;
        if (!tc) continue;
        const tcPr = first(tc, 'w:tcPr');
        const span = Math.min(64, Math.max(1, Number(val(first(tcPr, 'w:gridSpan')) ?? '1') || 1));
        const vMerge = first(tcPr, 'w:vMerge');
        const col = row.length;
        let text = elements(tc)
          .map((k) => (k.tag === 'w:p' ? this.numberOf(k).label + this.runs(k.children) : k.tag === 'w:tbl' || k.tag === 'w:sdt' ? this.runs([k]) : ''))
          .filter((t) => t !== '')
          .join('\n');
        const continues = vMerge !== undefined && (val(vMerge) ?? 'continue') === 'continue';
        if (continues) text = above[col] ?? '';
        else above[col] = vMerge !== undefined ? text : undefined;
        row.push(text);
        for (let i = 1; i < span; i++) {
          row.push('');
          if (!continues) above[col + i] = undefined;
        }
      }
      rows.push(row);
    }
    return rows;
  }
}
