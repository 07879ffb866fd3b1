import type { ClauseKind } from '../clause-tree';
import { CHINESE_NUMERAL_CHARS, parseArabic, parseChineseNumeral, toChineseNumeral } from '../importer/numerals';

/** Any clause tree with lineage keys: a stored version, or the next version being built. */
export interface ReferenceNode<T> {
  lineageKey?: string;
  kind: ClauseKind;
  label: string;
  number: number | null;
  heading: string;
  text: string;
  children: T[];
}

/** A cross-reference in the new version's text that points at an article whose number changed. */
export interface ArticleReferenceWarning {
  code: 'ARTICLE_REFERENCE_MOVED' | 'ARTICLE_REFERENCE_DELETED';
  /** the clause whose text holds the reference (in the new version) */
  lineageKey: string;
  /** that clause's label, e.g. 第二十三条 (or the label of the article it belongs to) */
  clauseLabel: string;
  /** the reference as printed: 本条例第十二条, 第五条第二款 */
  quote: string;
  /** where in the clause's text (heading references count from the heading) */
  field: 'heading' | 'text';
  offset: number;
  /** the article's number when the text was written, and now (null: deleted) */
  from: number;
  to: number | null;
  /** the reference rewritten for the new numbering */
  suggestion: string | null;
  message: string;
}

const N = `[${CHINESE_NUMERAL_CHARS}]{1,8}|[0-9０-９]{1,4}`;
/** 本条例第十二条 · 本办法第五条第二款 · 第二十条、第二十一条 · 依照第八条 — not 前款, 本条, or 《…法》第十二条 */
const REFERENCE = new RegExp(`(本(?:条例|办法|规定|细则|规则|实施细则|决定|规程|准则))?第(${N})条((?:之[一二三四五六七八九十])?(?:第(?:${N})款)?(?:第(?:${N})项)?)`, 'g');

function value(s: string): number | null {
  return /^[0-9０-９]/.test(s) ? parseArabic(s) : parseChineseNumeral(s);
}

/**
 * Flags every reference to an article that moved or went between two versions: the text was written
 * against the old numbering (第十二条), the article is now 第十一条 or gone. Only clauses the old version
 * already had are read (a new clause is written against the new numbering); references to another
 * law (《…法》第十二条) and relative ones (前款, 本条, 前条) are not flagged.
 */
export function articleReferenceWarnings<A extends ReferenceNode<A>, B extends ReferenceNode<B>>(before: A[], after: B[]): ArticleReferenceWarning[] {
  const oldArticle = new Map<number, string>();
  const oldKeys = new Set<string>();
  walk(before, (n) => {
    if (n.lineageKey) oldKeys.add(n.lineageKey);
    if (n.kind === 'article' && n.number !== null && n.lineageKey && !oldArticle.has(n.number)) oldArticle.set(n.number, n.lineageKey);
  });
  if (oldArticle.size === 0) return [];
  const newNumber = new Map<string, number>();
  walk(after, (n) => {
    if (n.kind === 'article' && n.number !== null && n.lineageKey) newNumber.set(n.lineageKey, n.number);
  });

  const out: ArticleReferenceWarning[] = [];
  walk(after, (n, article) => {
    if (!n.lineageKey || !oldKeys.has(n.lineageKey)) return;
    for (const field of ['heading', 'text'] as const) {
      const text = n[field];
      if (!text || !text.includes('条')) continue;
      let external = false;
      let lastEnd = -1;
      for (const m of text.matchAll(REFERENCE)) {
        const at = m.index;
        const continued = lastEnd >= 0 && /^[、，,和及与或至到]$/.test(text.slice(lastEnd, at));
        if (!continued) external = !m[1] && /[》法例]$/.test(text.slice(Math.max(0, at - 1), at));
        lastEnd = at + m[0].length;
        if (external) continue;
        const from = value(m[2]);
        if (from === null) continue;
        const key = oldArticle.get(from);
        if (!key) continue;
        const to = newNumber.get(key) ?? null;
        if (to === from) continue;
        const where = article ? article.label || n.label : n.label;
        const suggestion = to === null ? null : `${m[1] ?? ''}第${/^[0-9０-９]/.test(m[2]) ? to : toChineseNumeral(to)}条${m[3]}`;
        out.push({
          code: to === null ? 'ARTICLE_REFERENCE_DELETED' : 'ARTICLE_REFERENCE_MOVED',
          lineageKey: n.lineageKey,
          clauseLabel: where,
          quote: m[0],
          field,
          offset: at,
          from,
          to,
          suggestion,
          message:
            to === null
              ? `${where ? `${where}中` : ''}“${m[0]}”所指的原第${toChineseNumeral(from)}条已删除，请修改或删除该引用`
              : `${where ? `${where}中` : ''}“${m[0]}”所指条款已重新编号为第${toChineseNumeral(to)}条，请改为“${suggestion}”`,
        });
      }
    }
  });
  return out;
}

function walk<T extends ReferenceNode<T>>(nodes: T[], visit: (n: T, article: T | null) => void, article: T | null = null): void {
  for (const n of nodes) {
    visit(n, article);
    walk(n.children, visit, n.kind === 'article' ? n : article);
  }
}
