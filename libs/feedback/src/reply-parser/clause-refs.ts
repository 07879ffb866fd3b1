// the pure part of drafting only (no entities, no Nest)
import { parseChineseNumeral } from '@zq/drafting/pure';
import { normalizeSpan } from '../rules/reply-rules';

/** A clause of the round's version as the parser needs it: a parsed draft (ParsedClause) or the stored tree (ClauseNode). */
export interface ReplyClauseNode {
  id?: string;
  kind: string;
  label: string;
  heading: string;
  text: string;
  table?: { rows: string[][] } | null;
  tableRows?: string[][] | null;
  children: ReplyClauseNode[];
}

/** How a label is written: 一、 / （一） / 1. / （1） / 第一章 / 第一节 / 第一条 / 第一部分 / 附件1 / a paragraph's place / a table. */
type Style = 'cn-dun' | 'cn-paren' | 'ar-dot' | 'ar-paren' | 'chapter' | 'jie' | 'article' | 'bufen' | 'annex' | 'para' | 'table';

interface Key {
  style: Style;
  /** 0 for an unnumbered 附件 or a table */
  n: number;
}

interface IndexedClause {
  node: ReplyClauseNode;
  key: Key | null;
  ancestors: IndexedClause[];
  /** labels from the top, paragraphs and tables (which have none) left out */
  path: string[];
  spans: string[];
  descendants: IndexedClause[];
}

const CN = '[零〇一二三四五六七八九十百千两]{1,6}';

function num(s: string): number | null {
  const t = s.normalize('NFKC');
  if (/^\d+$/.test(t)) return Number(t);
  return parseChineseNumeral(t);
}

const LABEL_PATTERNS: [RegExp, Style][] = [
  [new RegExp(`^第(${CN}|\\d+)章$`), 'chapter'],
  [new RegExp(`^第(${CN}|\\d+)节$`), 'jie'],
  [new RegExp(`^第(${CN}|\\d+)条$`), 'article'],
  [new RegExp(`^第(${CN}|\\d+)(?:部分|编)$`), 'bufen'],
  [new RegExp(`^(${CN})[、.]$`), 'cn-dun'],
  [new RegExp(`^\\((${CN})\\)$`), 'cn-paren'],
  [/^(\d+)[.、]?$/, 'ar-dot'],
  [/^\((\d+)\)$/, 'ar-paren'],
];

function labelKey(node: ReplyClauseNode, paraIndex: number): Key | null {
  const label = node.label.normalize('NFKC').replace(/\s+/g, '');
  if (node.kind === 'annex' || /^附件/.test(label)) {
    const m = /^附件(\d+|[一二三四五六七八九十]+)?/.exec(label);
    return { style: 'annex', n: m?.[1] ? (num(m[1]) ?? 0) : 0 };
  }
  if (node.kind === 'table') return { style: 'table', n: 0 };
  if (!label) return node.kind === 'paragraph' ? { style: 'para', n: paraIndex } : null;
  for (const [re, style] of LABEL_PATTERNS) {
    const m = re.exec(label);
    if (m) {
      const n = num(m[1]);
      if (n) return { style, n };
    }
  }
  return null;
}

function spansOf(node: ReplyClauseNode): string[] {
  const rows = node.tableRows ?? node.table?.rows ?? [];
  return [node.heading + node.text, ...rows.flat()].map(normalizeSpan).filter(Boolean);
}

/** The version's clauses, flattened with their paths, ready to resolve references against. */
export class ClauseIndex {
  readonly all: IndexedClause[] = [];

  constructor(tree: ReplyClauseNode[]) {
    const walk = (nodes: ReplyClauseNode[], ancestors: IndexedClause[], path: string[]) => {
      let para = 0;
      for (const node of nodes) {
        if (node.kind === 'paragraph' && !node.label) para++;
        const key = labelKey(node, para);
        const label = node.label.trim();
        const entry: IndexedClause = {
          node,
          key,
          ancestors,
          path: label ? [...path, label] : path,
          spans: spansOf(node),
          descendants: [],
        };
        this.all.push(entry);
        for (const a of ancestors) a.descendants.push(entry);
        walk(node.children, [...ancestors, entry], entry.path);
      }
    };
    walk(tree, [], []);
  }

  /** Clauses whose own text (heading + text, or a table cell) contains the quote, whitespace aside. */
  byQuote(quote: string, among: IndexedClause[] = this.all): IndexedClause[] {
    const needle = normalizeSpan(quote);
    if (!needle) return [];
    return among.filter((c) => c.spans.some((s) => s.includes(needle)));
  }

  byHeading(text: string): IndexedClause[] {
    const needle = normalizeSpan(text);
    if (needle.length < 2) return [];
    return this.all.filter((c) => c.node.heading && normalizeSpan(c.node.heading) === needle);
  }
}

/** One element of a reference, with the label styles it may mean (most likely first, then fallbacks). */
interface RefToken {
  primary: Key[];
  fallback: Key[];
}

export interface ParsedRef {
  tokens: RefToken[];
  /** a page number (第3页, P3) was given */
  page: boolean;
  /** what is left when the numbers are taken out (a heading named instead, 总体意见 …) */
  rest: string;
}

const k = (style: Style, n: number): Key => ({ style, n });

/**
 * Where the first reference in a sentence is (关于第二部分第（三）项第9条，… / 第12条中“…”): the span
 * of its first run of numbers, the run broken by punctuation or more than a few characters.
 */
export function refSpan(text: string): { start: number; end: number } | null {
  const s = text.normalize('NFKC');
  if (s.length !== text.length) return null;
  let run: { start: number; end: number } | null = null;
  for (const m of s.matchAll(TOKEN)) {
    const at = m.index!;
    if (run && /^[\s的之中、及和与“”"「」『』\p{Script=Han}]{0,12}$/u.test(s.slice(run.end, at)) && !/[,，:：;；。.!?！？]/.test(s.slice(run.end, at))) {
      const gap = s.slice(run.end, at);
      if (gap.length <= 3 || /^[“"「『][^”"」』]*[”"」』]\s*(?:部分)?$/u.test(gap)) {
        run.end = at + m[0].length;
        continue;
      }
    }
    if (run) break;
    run = { start: at, end: at + m[0].length };
  }
  return run;
}

const TOKEN = new RegExp(
  [
    `第\\s*\\(\\s*(${CN}|\\d+)\\s*\\)\\s*(?:项|条|款|点|目)?`, // 1: 第（三）项
    `第\\s*(${CN}|\\d+)\\s*(部分|编|章|节|条|款|项|点|目|段)`, // 2, 3: 第二部分 第十二条 第3款
    `\\(\\s*(${CN})\\s*\\)`, // 4: （三）
    `\\(\\s*(\\d{1,3})\\s*\\)`, // 5: （1）
    `第\\s*(\\d+)\\s*页|[Pp]\\.?\\s*(\\d+)(?!\\d)|(\\d+)\\s*页`, // 6, 7, 8: pages
    `第\\s*(\\d+|${CN})\\s*行`, // 9: a row of a table
    `附\\s*(?:件|表)\\s*(\\d+|[一二三四五六七八九十](?![、.]))?`, // 10: 附件 / 附件1 / 附表
    `(?<![\\d.])(\\d{1,3})\\s*(?:[.、](?!\\d)|(?=\\s*$))`, // 11: 9. / 9、 / a bare 9 at the end
    `(?<![零〇一二三四五六七八九十百千两])(${CN})\\s*[、.](?!\\d)`, // 12: 二、
    `(?:序号|编号)\\s*(\\d+)`, // 13: a numbered row of a table
    `表\\s*格|附表`, // a table
  ].join('|'),
  'gu',
);

/** Reads a reference such as 二、（一）, 第二部分第（三）项第9条, 第十二条, 附件 第5行, 第3页第（二）项. */
export function parseRef(raw: string): ParsedRef {
  const s = raw.normalize('NFKC').replace(/《[^》]*》/g, ' ');
  const tokens: RefToken[] = [];
  let page = false;
  let inAnnex = false;
  let rest = s;
  for (const m of s.matchAll(TOKEN)) {
    rest = rest.replace(m[0], ' ');
    if (m[1]) {
      const n = num(m[1]);
      if (!n) continue;
      const cn = !/^\d+$/.test(m[1]);
      tokens.push(cn ? { primary: [k('cn-paren', n)], fallback: [] } : { primary: [k('ar-paren', n)], fallback: [k('ar-dot', n)] });
    } else if (m[2]) {
      const n = num(m[2]);
      if (!n) continue;
      const cn = !/^\d+$/.test(m[2]);
      switch (m[3]) {
        case '部分':
        case '编':
          tokens.push({ primary: [k('bufen', n), k('cn-dun', n)], fallback: [k('chapter', n)] });
          break;
        case '章':
          tokens.push({ primary: [k('chapter', n)], fallback: [k('cn-dun', n), k('bufen', n)] });
          break;
        case '节':
          tokens.push({ primary: [k('jie', n)], fallback: [k('cn-paren', n)] });
          break;
        case '条':
          tokens.push({ primary: [k('article', n)], fallback: [k('ar-dot', n)] });
          break;
        case '款':
        case '段':
          tokens.push({ primary: [k('para', n)], fallback: [] });
          break;
        case '项':
          tokens.push(cn ? { primary: [k('cn-paren', n)], fallback: [k('cn-dun', n)] } : { primary: [k('ar-dot', n), k('ar-paren', n)], fallback: [] });
          break;
        case '点':
          tokens.push(cn ? { primary: [k('cn-dun', n), k('cn-paren', n)], fallback: [k('ar-dot', n)] } : { primary: [k('ar-dot', n)], fallback: [k('ar-paren', n)] });
          break;
        default: // 目
          tokens.push({ primary: [k('ar-dot', n), k('ar-paren', n)], fallback: [] });
      }
    } else if (m[4]) {
      const n = num(m[4]);
      if (n) tokens.push({ primary: [k('cn-paren', n)], fallback: [] });
    } else if (m[5]) {
      if (!inAnnex) tokens.push({ primary: [k('ar-paren', Number(m[5]))], fallback: [] });
    } else if (m[6] || m[7] || m[8]) {
      page = true;
    } else if (m[9] || m[13]) {
      // a row of the annex table: the table is the clause
    } else if (m[0].startsWith('附')) {
      inAnnex = true;
      const n = m[10] ? num(m[10]) : null;
      tokens.push({ primary: [k('annex', n ?? 0)], fallback: [] });
    } else if (m[11]) {
      if (!inAnnex) tokens.push({ primary: [k('ar-dot', Number(m[11]))], fallback: [k('article', Number(m[11]))] });
    } else if (m[12]) {
      const n = num(m[12]);
      if (n) tokens.push({ primary: [k('cn-dun', n)], fallback: [k('bufen', n), k('chapter', n)] });
    } else {
      tokens.push({ primary: [k('table', 0)], fallback: [] });
    }
  }
  return { tokens, page, rest: rest.replace(/[\s,，、：:;；。.的中之及和与]+/g, ' ').trim() };
}

function keyMatches(key: Key | null, wanted: Key[]): boolean {
  if (!key) return false;
  return wanted.some((w) => w.style === key.style && (w.n === key.n || (w.style === 'annex' && w.n === 0) || (w.style === 'table' && key.style === 'table')));
}

/** Clauses the reference's tokens point at: the last token names the clause, the earlier ones its ancestors in order. */
function match(index: ClauseIndex, tokens: RefToken[], useFallback: boolean): IndexedClause[] {
  const alts = tokens.map((t) => (useFallback ? [...t.primary, ...t.fallback] : t.primary));
  const last = alts[alts.length - 1];
  return index.all.filter((c) => {
    if (!keyMatches(c.key, last)) return false;
    let i = 0;
    for (const a of c.ancestors) if (i < alts.length - 1 && keyMatches(a.key, alts[i])) i++;
    return i === alts.length - 1;
  });
}

export interface Resolution {
  clause: ReplyClauseNode | null;
  path: string[];
  /** the clause's own label, or how the reply wrote the reference when it did not resolve */
  label: string;
  resolved: boolean;
  /** a whole-text comment (总体意见): resolved, with no clause */
  general: boolean;
  why?: string;
}

const GENERAL = /^(?:总体|整体|全文|通篇|总的|综合|全篇|文件|文稿|总体意见|整体意见|总的意见|综合意见|其他|其它|通用|全局|无)?(?:意见|建议|方面)?$/;

/**
 * Resolves a reference (and a quoted 原文, when given) against the version: by labels in order,
 * by a heading named, else by the quote found in exactly one clause. A page number alone does not
 * resolve; a reference that fits several clauses does not either, unless the quote picks one.
 */
export function resolveRef(index: ClauseIndex, refText: string, quote: string): Resolution {
  const written = refText.replace(/\s+/g, ' ').trim();
  const ref = parseRef(written);
  const unresolved = (why: string): Resolution => ({ clause: null, path: [], label: written, resolved: false, general: false, why });
  const done = (c: IndexedClause, why?: string): Resolution => {
    const label = [...c.path].pop() ?? '';
    return { clause: c.node, path: c.path, label, resolved: true, general: false, ...(why ? { why } : {}) };
  };
  const short = (q: string) => (q.length > 20 ? `${q.slice(0, 20)}…` : q);

  let candidates: IndexedClause[] = [];
  // a heading named (关于“主要任务”部分) is the clause, or the part the numbers are counted in
  const named = ref.rest && !GENERAL.test(ref.rest.replace(/\s+/g, '')) ? headingsNamed(index, ref.rest) : [];
  if (ref.tokens.length) {
    const within = (list: IndexedClause[]) => (named.length === 1 ? list.filter((c) => c === named[0] || c.ancestors.includes(named[0])) : list);
    candidates = within(match(index, ref.tokens, false));
    if (!candidates.length) candidates = within(match(index, ref.tokens, true));
    if (!candidates.length) return unresolved(`征求意见稿中没有“${written}”所指的条款`);
  } else {
    candidates = named;
  }

  if (!candidates.length) {
    if (!quote.trim()) {
      if (ref.page) return unresolved('只写了页码，无法确定所指条款：请注明条款序号或引用原文');
      if (!ref.rest || GENERAL.test(ref.rest.replace(/\s+/g, ''))) return { clause: null, path: [], label: '', resolved: true, general: true };
      return unresolved(`征求意见稿中没有“${written}”所指的条款`);
    }
    const found = index.byQuote(quote);
    if (found.length === 1) return done(found[0]);
    if (found.length === 0) return unresolved(`原文“${short(quote)}”未在征求意见稿中找到`);
    return unresolved(`原文“${short(quote)}”出现在${found.length}处条款中（${found.map((c) => c.path.join('') || c.node.heading).join('、')}），请注明条款序号`);
  }

  if (quote.trim()) {
    // the quote narrows the reference down, and may point into the clause (an item of a section, the annex's table)
    const within = candidates.flatMap((c) => [c, ...c.descendants]);
    const found = [...new Set(index.byQuote(quote, within))];
    if (found.length === 1) return done(found[0]);
    if (found.length > 1) {
      const own = found.filter((f) => candidates.includes(f));
      if (own.length === 1) return done(own[0]);
      return unresolved(`原文“${short(quote)}”在“${written}”所指范围内出现${found.length}处，请注明具体条款`);
    }
    if (candidates.length === 1) return done(descendToTable(candidates[0]), `原文“${short(quote)}”不在${candidates[0].path.join('') || '所指条款'}中，请核对`);
  }
  if (candidates.length > 1) {
    return unresolved(`“${written}”可指${candidates.length}处条款（${candidates.slice(0, 5).map((c) => c.path.join('')).join('、')}），请写明上一级序号或引用原文`);
  }
  return done(descendToTable(candidates[0]));
}

function headingsNamed(index: ClauseIndex, rest: string): IndexedClause[] {
  const quoted = [...rest.matchAll(/[“"「『]([^”"」』]+)[”"」』]/gu)].map((m) => m[1]);
  for (const name of [...quoted, rest.replace(/(?:^|\s)(?:关于|对|针对)|部分|一节|一条|条款|[“”"「」『』]/gu, ' ').trim()]) {
    const found = index.byHeading(name);
    if (found.length) return found;
  }
  return [];
}

/** An annex that is only a table: comments on it are on the table (its cells are what they quote). */
function descendToTable(c: IndexedClause): IndexedClause {
  if (c.key?.style !== 'annex' || c.node.text.trim()) return c;
  const tables = c.descendants.filter((d) => d.key?.style === 'table');
  return tables.length === 1 && c.descendants.length === 1 ? tables[0] : c;
}
