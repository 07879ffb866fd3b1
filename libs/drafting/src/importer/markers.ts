import { CHINESE_NUMERAL_CHARS, formatLabel, parseArabic, parseChineseNumeral, toChineseNumeral } from './numerals';

export type MarkerKind = 'part' | 'section' | 'item' | 'subitem';

/** A clause number at the start of a line, with what follows it. */
export interface Marker {
  kind: MarkerKind;
  number: number;
  /** canonical label, whatever width of bracket or dot was printed */
  label: string;
  rest: string;
}

const CN = `[${CHINESE_NUMERAL_CHARS}]{1,6}`;
const AR = '[0-9０-９]{1,3}';
const OPEN = '[（(]';
const CLOSE = '[）)]';
// Order matters: a bracketed number is a section/subitem, a bare one a part/item.
const PATTERNS: { kind: MarkerKind; re: RegExp; chinese: boolean }[] = [
  { kind: 'section', re: new RegExp(`^${OPEN}\\s*(${CN})\\s*${CLOSE}\\s*`), chinese: true },
  { kind: 'subitem', re: new RegExp(`^${OPEN}\\s*(${AR})\\s*${CLOSE}\\s*`), chinese: false },
  { kind: 'part', re: new RegExp(`^(${CN})\\s*(?:、|[．.](?![0-9０-９]))\\s*`), chinese: true },
  // "1.5倍" is a number, not item 1: a dot must not be followed by a digit
  { kind: 'item', re: new RegExp(`^(${AR})\\s*(?:[.．](?![0-9０-９])|、)\\s*`), chinese: false },
];

/** 第一章 总则 · 第一节 一般规定 · 第一条 为了…: the numbering of a regulation. */
export interface RegulationMarker {
  kind: 'chapter' | 'jie' | 'article';
  number: number;
  /** canonical label: 第一章 / 第一节 / 第十二条 (第12条 and 第１２条 read as 第十二条) */
  label: string;
  rest: string;
}

const REG_NUMBER = `([${CHINESE_NUMERAL_CHARS}]{1,8}|[0-9０-９]{1,4})`;
const CHAPTER_RE = new RegExp(`^第\\s*${REG_NUMBER}\\s*章(?![程节])\\s*`);
const JIE_RE = new RegExp(`^第\\s*${REG_NUMBER}\\s*节\\s*`);
// "第五条规定的…", "第三条、第四条", "第十二条第二款" at the start of a wrapped line cite an article, they do not open one
const ARTICLE_RE = new RegExp(`^第\\s*${REG_NUMBER}\\s*条(?![的、，,和及与或至到第款项所中]|规定)\\s*`);

function regNumber(s: string): number | null {
  return /^[0-9０-９]/.test(s) ? parseArabic(s) : parseChineseNumeral(s);
}

export function matchRegulationMarker(text: string): RegulationMarker | null {
  if (text.charCodeAt(0) !== 0x7b2c /* 第 */) return null;
  let m = ARTICLE_RE.exec(text);
  if (m) {
    const number = regNumber(m[1]);
    if (number && number > 0) return { kind: 'article', number, label: formatLabel('article', number), rest: text.slice(m[0].length) };
  }
  m = CHAPTER_RE.exec(text);
  if (m) {
    const number = regNumber(m[1]);
    const rest = text.slice(m[0].length);
    if (number && number > 0 && (rest.length <= 40 || /第[一二三四五六七八九十百零〇0-9０-９]{1,8}条/.test(rest))) return { kind: 'chapter', number, label: formatLabel('chapter', number), rest };
  }
  m = JIE_RE.exec(text);
  if (m) {
    const number = regNumber(m[1]);
    const rest = text.slice(m[0].length);
    if (number && number > 0 && isHeadingOnly(rest)) return { kind: 'jie', number, label: `第${toChineseNumeral(number)}节`, rest };
  }
  return null;
}

/**
 * "第一章 总则 第一条 为了…" (a chapter title and its first article on one line): the heading and
 * the article's line, or null when the line is the chapter's title alone.
 */
export function splitChapterLine(rest: string): { heading: string; article: string } | null {
  const m = /第[一二三四五六七八九十百零〇0-9０-９]{1,8}条/.exec(rest);
  if (!m || m.index === 0 || m.index > 30) return null;
  const article = rest.slice(m.index);
  if (!matchRegulationMarker(article) || /[。；]/.test(rest.slice(0, m.index))) return null;
  return { heading: rest.slice(0, m.index).trim(), article };
}

/**
 * "11.121人才梯队项目", "1．1—苯基…": a number, a dot and digits — item 11 or a decimal? Only the
 * numbering around it can tell; this reads it as an item for the parser to confirm.
 */
export function matchDigitLedItem(text: string): Marker | null {
  const m = /^([0-9０-９]{1,3})[.．]([0-9０-９]+)(.?)/.exec(text);
  if (!m) return null;
  // 1.5倍 / 2.5% / 3.2万元 / 1.2.3 are numbers or outline numbers, not an item with digits after it
  if (/^[.．%‰倍万亿千百元个米吨公亩平方立度]/.test(m[3])) return null;
  const number = parseArabic(m[1]);
  if (!(number > 0)) return null;
  return { kind: 'item', number, label: formatLabel('item', number), rest: text.slice(m[1].length + 1) };
}

export function matchMarker(text: string): Marker | null {
  for (const { kind, re, chinese } of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const number = chinese ? parseChineseNumeral(m[1]) : parseArabic(m[1]);
    if (number === null || !(number > 0)) continue;
    return { kind, number, label: formatLabel(kind, number), rest: text.slice(m[0].length) };
  }
  return null;
}

const ANNEX_MARKER = /^附\s*[件表]\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})?$/;

/** A line that is only 附件 / 附件1 / 附件 2 / 附表 / 附表1: the start of an annex. Returns its number (null if unnumbered). */
export function matchAnnexMarker(text: string): { number: number | null; table?: boolean } | null {
  const m = ANNEX_MARKER.exec(text);
  if (!m) return null;
  const table = text.includes('表') ? { table: true } : {};
  if (!m[1]) return { number: null, ...table };
  const n = /^[0-9０-９]/.test(m[1]) ? parseArabic(m[1]) : parseChineseNumeral(m[1]);
  return n ? { number: n, ...table } : null;
}

/** 附件：… / 附件1：… / 附表：… lists the attachments (or, after the last article, opens one). */
export function isAnnexListing(text: string): boolean {
  return /^附\s*[件表]\s*[0-9０-９一二三四五六七八九十]*\s*[：:]/.test(text);
}

/** "附件：城镇燃气经营许可申请材料" → its number and the title it gives the annex. */
export function readAnnexHead(text: string): { number: number | null; title: string; table: boolean } | null {
  const m = /^附\s*([件表])\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})?\s*[：:]\s*(.*)$/.exec(text);
  if (!m) return null;
  const n = m[2] ? (/^[0-9０-９]/.test(m[2]) ? parseArabic(m[2]) : parseChineseNumeral(m[2])) : null;
  return { number: n || null, title: m[3].trim(), table: m[1] === '表' };
}

/** ——以人为本，全龄友好。… principle bullets. */
export function isDashBullet(text: string): boolean {
  return /^(?:——|—|－－|--)/.test(text);
}

export const NOTE_KEYWORD = '(?:责任单位|责任部门|牵头单位|牵头部门|配合单位|配合部门)';
const NOTE_START = new RegExp(`^[（(]?\\s*${NOTE_KEYWORD}\\s*[：:]`);

/** A line that opens a 责任单位 note. */
export function isNoteStart(text: string): boolean {
  return NOTE_START.test(text);
}

export function isDateLine(text: string): boolean {
  return /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(text);
}

/** A line that begins something new: it is never the continuation of the line before. */
export function startsStructure(text: string): boolean {
  return (
    matchMarker(text) !== null ||
    matchRegulationMarker(text) !== null ||
    matchAnnexMarker(text) !== null ||
    isAnnexListing(text) ||
    isDashBullet(text) ||
    isNoteStart(text) ||
    isDateLine(text)
  );
}

const HEADING_ONLY_MAX = 40;
const INLINE_HEADING_MAX = 30;
const SENTENCE_END = /[。！？；!?;]/;

/** "（一）指导思想" — a numbered line that is only a heading, so it ends its paragraph. */
export function isHeadingOnly(rest: string): boolean {
  return rest.length <= HEADING_ONLY_MAX && !SENTENCE_END.test(rest);
}

/**
 * Splits the words after a clause number into heading and text:
 * "提升市政设施品质。按照…" → heading 提升市政设施品质, text 按照…;
 * a short line with no full stop is all heading; otherwise all text.
 */
export function splitHeading(rest: string): { heading: string; text: string } {
  if (!rest) return { heading: '', text: '' };
  if (isHeadingOnly(rest)) return { heading: rest, text: '' };
  const stop = rest.indexOf('。');
  if (stop > 0 && stop <= INLINE_HEADING_MAX && stop < rest.length - 1) {
    const heading = rest.slice(0, stop);
    // a heading is a phrase: a comma means the first sentence is already body text
    if (!/[，,；;：:]/.test(heading)) return { heading, text: rest.slice(stop + 1) };
  }
  return { heading: '', text: rest };
}
