import { readFileSync } from 'fs';
import { join } from 'path';
import type { ClauseKind, ParsedClause } from '../clause-tree';
import { importText } from '../importer/import-draft';
import { parseChineseNumeral, toChineseNumeral } from '../importer/numerals';
import { renumber } from './renumber';

const FIXTURE = join(__dirname, '../../../../test/fixtures/beautiful-towns-round2-letter.txt');

function c(kind: ClauseKind, children: ParsedClause[] = []): ParsedClause {
  const unnumbered = kind === 'paragraph' || kind === 'table';
  return { kind, label: unnumbered ? '' : '?', number: unnumbered || kind === 'annex' ? null : 0, heading: '', text: '', responsibleUnits: [], children };
}

const labels = (tree: ParsedClause[]): string[] => tree.flatMap((n) => [n.label, ...labels(n.children)].filter(Boolean));

describe('Chinese numerals', () => {
  it.each([
    [1, '一'], [10, '十'], [11, '十一'], [19, '十九'], [20, '二十'], [21, '二十一'], [99, '九十九'],
    [100, '一百'], [101, '一百零一'], [110, '一百一十'], [1000, '一千'], [1005, '一千零五'], [2023, '二千零二十三'],
  ])('%i is %s, and back', (n, cn) => {
    expect(toChineseNumeral(n)).toBe(cn);
    expect(parseChineseNumeral(cn)).toBe(n);
  });

  it('reads every number up to 9999 back', () => {
    for (let n = 1; n <= 9999; n++) expect(parseChineseNumeral(toChineseNumeral(n))).toBe(n);
  });

  it('refuses what is not a numeral', () => {
    expect(parseChineseNumeral('一二')).toBeNull();
    expect(parseChineseNumeral('零')).toBeNull();
    expect(parseChineseNumeral('甲')).toBeNull();
  });
});

describe('renumber', () => {
  const tree = () => [
    c('paragraph'),
    c('part', [c('section', [c('item'), c('item', [c('subitem'), c('subitem')])]), c('section', [c('item'), c('paragraph')])]),
    c('part', [c('item'), c('item')]),
    c('annex', [c('table')]),
  ];

  it('runs items on across sections when continuous', () => {
    expect(labels(renumber(tree(), 'continuous'))).toEqual([
      '一、', '（一）', '1.', '2.', '（1）', '（2）', '（二）', '3.', '二、', '4.', '5.', '附件',
    ]);
  });

  it('restarts items in each section when per section', () => {
    expect(labels(renumber(tree(), { items: 'per_section' }))).toEqual([
      '一、', '（一）', '1.', '2.', '（1）', '（2）', '（二）', '1.', '二、', '1.', '2.', '附件',
    ]);
  });

  it('numbers annexes when there are several, leaves paragraphs and tables unlabelled', () => {
    const out = renumber([c('annex'), c('annex')], 'continuous');
    expect(out.map((a) => [a.label, a.number])).toEqual([['附件1', 1], ['附件2', 2]]);
    const para = renumber([c('paragraph')], 'continuous')[0];
    expect([para.label, para.number]).toEqual(['', null]);
  });

  it('spells the eleventh part 十一、', () => {
    const parts = renumber(Array.from({ length: 12 }, () => c('part')), 'continuous');
    expect(parts.slice(9).map((p) => p.label)).toEqual(['十、', '十一、', '十二、']);
  });

  it('closes the gap after an item is deleted from the reference draft, leaving the input untouched', () => {
    const draft = importText(readFileSync(FIXTURE, 'utf8'));
    const tasks = draft.clauses.find((p) => p.heading === '主要任务')!;
    const edited = draft.clauses.map((p) =>
      p === tasks ? { ...p, children: p.children.map((s, i) => (i === 0 ? { ...s, children: s.children.slice(1) } : s)) } : p,
    );
    const out = renumber(edited, draft.numbering);
    const items = out.find((p) => p.heading === '主要任务')!.children.flatMap((s) => s.children);
    expect(items.map((i) => i.label)).toEqual(Array.from({ length: 17 }, (_, k) => `${k + 1}.`));
    expect(items[0].heading).toBe('提升交通服务能力');
    expect(tasks.children[0].children[0].label).toBe('1.');
  });
});
