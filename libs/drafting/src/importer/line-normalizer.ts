import type { LogicalBlock, LogicalLine, SourceBlock } from './blocks';
import { isDateLine, isHeadingOnly, matchAnnexMarker, matchMarker, matchRegulationMarker, startsStructure } from './markers';

// Han, CJK punctuation, full-width forms, curly quotes, dashes and ellipsis: no spaces around these.
const CJK = '\\u2E80-\\u2FFF\\u3001-\\u9FFF\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF00-\\uFFEF\\u2018-\\u201F\\u2014\\u2026';
const SPACE_RUN = /[\s\u00A0\u200B\u2000-\u200A\u202F\u205F\u3000\uFEFF]+/g;
const SPACE_NEXT_TO_CJK = new RegExp(`(?<=[${CJK}]) | (?=[${CJK}])`, 'g');
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

/**
 * Trims a line and removes the spaces a PDF or a typist leaves inside Chinese text:
 * "全省 1000 个" → "全省1000个", "(一) 指导思想" → "(一)指导思想"; "5G network" keeps its space.
 */
export function cleanLine(text: string): string {
  const spaced = text.replace(CONTROL, '').replace(SPACE_RUN, ' ').trim();
  // the look-behind is tried at every position: only lines that still hold a space need it
  return spaced.includes(' ') ? spaced.replace(SPACE_NEXT_TO_CJK, '') : spaced;
}

const PAGE_NUMBER = [
  /^[-－—–~_·•]*\s*\d{1,4}\s*[-－—–~_·•]*$/, // 2 · - 3 - · —3—
  /^第\d{1,4}页(?:[，,]?共\d{1,4}页)?$/,
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/,
];

/** A line that is only a page number (left behind by PDF extraction). */
export function isPageNumber(text: string): boolean {
  return PAGE_NUMBER.some((re) => re.test(text));
}

/** Cleans every line and table cell, dropping blank lines and page numbers. */
export function normalizeBlocks(blocks: SourceBlock[]): SourceBlock[] {
  const out: SourceBlock[] = [];
  for (const b of blocks) {
    if (b.type === 'table') {
      out.push({ ...b, rows: b.rows.map((r) => r.map(cleanLine)) });
      continue;
    }
    const text = cleanLine(b.text);
    if (text && !isPageNumber(text)) out.push({ ...b, text });
  }
  return out;
}

/** Characters after which a line cannot end a paragraph. */
const CONTINUING = '，、,（(《“‘—';
const TERMINAL = '。！？；：!?;:…';
const CLOSING_QUOTES = '”’」』';
const OPENING_BRACKETS = '（(';
const CLOSING_BRACKETS = '）)';
/** PDF wraps happen at the full line width; a shorter line without punctuation is a line of its own. */
const MIN_WRAP_CHARS = 15;
const BRACKET_SCAN_LIMIT = 500;

/** A paragraph being rebuilt, kept in pieces: appending to one long string and reading it back is quadratic. */
interface OpenParagraph {
  block: LogicalLine;
  pieces: string[];
  length: number;
  /** brackets it leaves open */
  depth: number;
  /** the line after "附件" is the annex's title, complete however long */
  isAnnexTitle: boolean;
}

/** Enough of a paragraph's end to judge it: a note and the bracket that opens it. */
const TAIL_CHARS = BRACKET_SCAN_LIMIT + 100;

/**
 * Rebuilds paragraphs from physical lines: a line joins the one before when that one stops
 * mid-sentence, and the line does not itself begin a clause, a bullet, a note or an annex.
 * Chinese needs no space where lines join.
 */
export function joinLines(blocks: SourceBlock[]): LogicalBlock[] {
  const out: LogicalBlock[] = [];
  let open: OpenParagraph | null = null;
  for (const b of blocks) {
    if (b.type === 'table') {
      if (open) finish(open);
      open = null;
      out.push(b);
      continue;
    }
    if (open && !open.isAnnexTitle && !b.hard && continues(open, b.text)) {
      const piece = needsSpace(open.pieces[open.pieces.length - 1], b.text) ? ` ${b.text}` : b.text;
      open.block.starts.push({ at: open.length, line: b.line });
      open.pieces.push(piece);
      open.length += piece.length;
      open.depth = bracketDepth(b.text, open.depth);
      continue;
    }
    const isAnnexTitle: boolean = open !== null && open.pieces.length === 1 && matchAnnexMarker(open.pieces[0]) !== null;
    if (open) finish(open);
    const block: LogicalLine = { type: 'line', text: b.text, line: b.line, starts: [{ at: 0, line: b.line }], ...(b.heading ? { heading: b.heading } : {}) };
    out.push(block);
    open = { block, pieces: [b.text], length: b.text.length, depth: bracketDepth(b.text, 0), isAnnexTitle };
  }
  if (open) finish(open);
  return out;
}

function finish(p: OpenParagraph): void {
  p.block.text = p.pieces.join('');
}

function continues(p: OpenParagraph, next: string): boolean {
  if (startsStructure(next)) return false;
  // "（责任单位：" broken before its list: an open bracket means the sentence goes on
  if (p.depth > 0) return true;
  const whole = p.length <= TAIL_CHARS;
  const text = whole ? p.pieces.join('') : tail(p.pieces, TAIL_CHARS);
  if (endsParagraph(text, whole)) return false;
  if (CONTINUING.includes(text[text.length - 1])) return true;
  return [...p.pieces[p.pieces.length - 1]].length >= MIN_WRAP_CHARS;
}

function tail(pieces: string[], chars: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = pieces.length - 1; i >= 0 && n < chars; i--) {
    parts.unshift(pieces[i]);
    n += pieces[i].length;
  }
  return parts.join('').slice(-chars);
}

function bracketDepth(line: string, depth: number): number {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0xff08 || c === 0x28) depth++; // （ (
    else if ((c === 0xff09 || c === 0x29) && depth > 0) depth--; // ） )
  }
  return depth;
}

/**
 * Whether a paragraph built so far is complete: a sentence end, a closed note, a heading line.
 * `whole` says `text` is the entire paragraph rather than its tail.
 */
export function endsParagraph(text: string, whole = true): boolean {
  const last = text[text.length - 1];
  if (TERMINAL.includes(last)) return true;
  if (CLOSING_QUOTES.includes(last)) return text.length > 1 && TERMINAL.includes(text[text.length - 2]);
  if (CLOSING_BRACKETS.includes(last) && closesParagraph(text)) return true;
  if (!whole) return false;
  const marker = matchMarker(text);
  if (marker && isHeadingOnly(marker.rest)) return true;
  const reg = matchRegulationMarker(text);
  if (reg && reg.kind !== 'article' && isHeadingOnly(reg.rest)) return true;
  return matchAnnexMarker(text) !== null || isDateLine(text);
}

/**
 * A closing bracket ends the paragraph when its group stands alone — "(二次征求意见稿)", a
 * 责任单位 note, a group after a full stop — but not "卫生院(社区卫生服务中心)" mid-sentence.
 */
function closesParagraph(text: string): boolean {
  let depth = 0;
  const stop = Math.max(0, text.length - BRACKET_SCAN_LIMIT);
  for (let i = text.length - 1; i >= stop; i--) {
    const ch = text[i];
    if (CLOSING_BRACKETS.includes(ch)) depth++;
    else if (OPENING_BRACKETS.includes(ch) && --depth === 0) {
      if (i === 0) return true;
      if (/责任|牵头|稿|下同/.test(text.slice(i + 1, -1))) return true;
      return TERMINAL.includes(text[i - 1]);
    }
  }
  return true; // closes a group opened lines ago (a note broken over a page): the note is done
}

function needsSpace(before: string, after: string): boolean {
  return /[A-Za-z0-9]$/.test(before) && /^[A-Za-z0-9]/.test(after);
}
