import { readFileSync } from 'fs';
import { join } from 'path';
import type { ParsedClause } from '../clause-tree';
import { importText } from '../importer/import-draft';
import { articleReferenceWarnings } from './article-references';
import { renumber } from './renumber';

const REGULATION = join(__dirname, '../../../../test/fixtures/drafts/regulation-gas-chapters.txt');
type Keyed = ParsedClause & { lineageKey: string; children: Keyed[] };

function keyed(nodes: ParsedClause[], prefix = 'k'): Keyed[] {
  return nodes.map((n, i) => ({ ...n, lineageKey: `${prefix}.${i}`, children: keyed(n.children, `${prefix}.${i}`) }));
}
function without(nodes: Keyed[], drop: (n: Keyed) => boolean): Keyed[] {
  return nodes.filter((n) => !drop(n)).map((n) => ({ ...n, children: without(n.children, drop) }));
}
function articles(nodes: Keyed[]): Keyed[] {
  return nodes.flatMap((n) => [...(n.kind === 'article' ? [n] : []), ...articles(n.children)]);
}

describe('renumbering a regulation', () => {
  const before = keyed(importText(readFileSync(REGULATION, 'utf8')).clauses);
  const article = (tree: Keyed[], label: string) => articles(tree).find((a) => a.label === label)!;
  const deleted = article(before, '第十一条').lineageKey;
  const after = renumber(without(before, (n) => n.lineageKey === deleted), 'per_section');

  it('numbers articles through the whole text, across chapters and sections, after a deletion', () => {
    const labels = articles(after).map((a) => a.label);
    expect(labels).toHaveLength(33);
    expect(labels.slice(9, 12)).toEqual(['第十条', '第十一条', '第十二条']);
    expect(labels[labels.length - 1]).toBe('第三十三条');
    // the article that was 第十二条 is now 第十一条, its 项 keep their own numbering
    const licence = articles(after).find((a) => a.lineageKey === article(before, '第十二条').lineageKey)!;
    expect(licence.label).toBe('第十一条');
    expect(licence.children.filter((c) => c.kind === 'item').map((c) => c.label)).toEqual(['（一）', '（二）', '（三）', '（四）', '（五）']);
    // 第一节 / 第二节 keep their style and restart in each chapter
    expect(after[1].children.map((s) => s.label)).toEqual(['第一节', '第二节']);
  });

  it('flags every reference to a moved article, with the new wording, and none to unmoved ones', () => {
    const warnings = articleReferenceWarnings(before, after);
    const quotes = warnings.map((w) => `${w.clauseLabel}:${w.quote}→${w.suggestion}`);
    expect(quotes).toEqual([
      '第十七条:本条例第三十二条→本条例第三十一条',
      '第二十三条:本条例第十二条→本条例第十一条',
      '第二十四条:本条例第十三条第一款第三项→本条例第十二条第一款第三项',
      '第二十五条:本条例第十四条→本条例第十三条',
      '第二十六条:本条例第十六条→本条例第十五条',
      '第二十七条:本条例第十七条第二款→本条例第十六条第二款',
      '第二十八条:本条例第二十条→本条例第十九条',
      '第二十八条:第二十一条→第二十条',
      '第三十一条:本条例第十八条第一款→本条例第十七条第一款',
    ]);
    // 本条例第六条 (in 第八条) did not move; 前款第三项 is relative
    expect(warnings.some((w) => w.from === 6)).toBe(false);
    expect(warnings.every((w) => w.code === 'ARTICLE_REFERENCE_MOVED')).toBe(true);
    expect(warnings[0].message).toBe('第十七条中“本条例第三十二条”所指条款已重新编号为第三十一条，请改为“本条例第三十一条”');
  });

  it('says so when the article referred to was deleted, and leaves other laws alone', () => {
    const tree = keyed(
      importText(`某某管理办法

第一条 为了规范管理，根据《中华人民共和国行政许可法》第十二条，制定本办法。
第二条 本办法适用于全省。
第三条 违反本办法第二条规定的，依照第四条处理。
第四条 本办法自发布之日起施行。
`).clauses,
    );
    const next = renumber(without(tree, (n) => n.label === '第二条'), 'per_section');
    expect(articleReferenceWarnings(tree, next).map((w) => [w.code, w.quote, w.suggestion])).toEqual([
      ['ARTICLE_REFERENCE_DELETED', '本办法第二条', null],
      ['ARTICLE_REFERENCE_MOVED', '第四条', '第三条'],
    ]);
  });
});
