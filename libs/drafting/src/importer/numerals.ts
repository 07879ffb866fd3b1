import type { ClauseKind } from '../clause-tree';

const DIGITS = '零一二三四五六七八九';
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const DIGIT_VALUE: Record<string, number> = { 〇: 0, 零: 0, 两: 2 };
for (let i = 0; i < DIGITS.length; i++) DIGIT_VALUE[DIGITS[i]] = i;

/** Characters a Chinese counting numeral (一 … 九千九百九十九) is written with. */
export const CHINESE_NUMERAL_CHARS = '零〇一二三四五六七八九十百千两';

/** 1 → 一, 11 → 十一, 20 → 二十, 101 → 一百零一, 110 → 一百一十. Outside 1–9999, Arabic digits. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) return String(n);
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  return spell(n);
}

function spell(n: number): string {
  const places: [number, string][] = [[1000, '千'], [100, '百'], [10, '十'], [1, '']];
  let out = '';
  let pendingZero = false;
  for (const [value, unit] of places) {
    const d = Math.floor(n / value) % 10;
    if (d === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[d] + unit;
  }
  return out;
}

/** 十一 → 11, 一百零一 → 101; null for anything that is not a counting numeral. */
export function parseChineseNumeral(s: string): number | null {
  if (!s || s.length > 8) return null;
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in UNITS) {
      total += (digit < 0 ? 1 : digit) * UNITS[ch];
      digit = -1;
    } else if (ch in DIGIT_VALUE) {
      if (digit > 0) return null; // 一二 is a list of digits, not a numeral
      digit = DIGIT_VALUE[ch];
    } else {
      return null;
    }
  }
  if (digit > 0) total += digit;
  return total > 0 ? total : null;
}

/** Full-width digits count as digits: １２ → 12. */
export function parseArabic(s: string): number {
  return Number(s.normalize('NFKC'));
}

/** The canonical label of a numbered clause: 一、 （一） 1. （1） 附件1. */
export function formatLabel(kind: ClauseKind, n: number | null): string {
  switch (kind) {
    case 'part':
      return `${toChineseNumeral(n ?? 1)}、`;
    case 'section':
      return `（${toChineseNumeral(n ?? 1)}）`;
    case 'item':
      return `${n ?? 1}.`;
    case 'subitem':
      return `（${n ?? 1}）`;
    case 'annex':
      return n === null ? '附件' : `附件${n}`;
    case 'chapter':
      return `第${toChineseNumeral(n ?? 1)}章`;
    case 'article':
      return `第${toChineseNumeral(n ?? 1)}条`;
    default:
      return '';
  }
}

const CHINESE_IN_LABEL = new RegExp(`[${CHINESE_NUMERAL_CHARS}]+`);
const ARABIC_IN_LABEL = /[0-9０-９]+/;

/**
 * The label a clause gets when its number changes, in the style it was printed in: 第十二条 → 第十一条,
 * 第二节 → 第一节, （二） → （一）, 2、 → 1、; a label without a number gets the kind's canonical one.
 */
export function relabel(kind: ClauseKind, label: string, n: number | null): string {
  if (n === null && /^附[件表]$/.test(label)) return label;
  if (n !== null && label) {
    if (kind !== 'annex' && CHINESE_IN_LABEL.test(label) && !/^附/.test(label)) return label.replace(CHINESE_IN_LABEL, toChineseNumeral(n));
    if (ARABIC_IN_LABEL.test(label)) return label.replace(ARABIC_IN_LABEL, String(n));
  }
  return formatLabel(kind, n);
}
