import { CHINESE_NUMERAL_CHARS, formatLabel, parseArabic, parseChineseNumeral } from './numerals';

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

const ANNEX_MARKER = /^附\s*件\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})?$/;

/** A line that is only 附件 / 附件1 / 附件 2: the start of an annex. Returns its number (null if unnumbered). */
export function matchAnnexMarker(text: string): { number: number | null } | null {
  const m = ANNEX_MARKER.exec(text);
  if (!m) return null;
  if (!m[1]) return { number: null };
  const n = /^[0-9０-９]/.test(m[1]) ? parseArabic(m[1]) : parseChineseNumeral(m[1]);
  return n ? { number: n } : null;
}

/** 附件：… / 附件1：… lists the attachments; it is not an annex itself. */
export function isAnnexListing(text: string): boolean {
  return /^附件\s*[0-9０-９]*\s*[：:]/.test(text);
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
