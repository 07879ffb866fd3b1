import type { ClauseKind } from '@zq/drafting';
import { applyProposals, Proposal, ProposalNode } from './apply-proposals';
import { findConflicts } from './conflicts';

function node(lineageKey: string, kind: ClauseKind, label: string, heading: string, text: string, children: ProposalNode[] = []): ProposalNode {
  return { lineageKey, kind, label, number: null, heading, text, responsibleUnits: [{ name: '省建设厅', isLead: true }], responsibilityRaw: null, table: null, children };
}

const draft = () => [
  node('p1', 'part', '一、', '主要任务', '', [
    node('s1', 'section', '（一）', '实施设施提标行动', '', [
      node('i1', 'item', '1.', '提升市政设施品质', '加强城镇基础设施建设，提升品质，推动管网更新。'),
      node('i2', 'item', '2.', '提升交通服务能力', '推动高速公路提质增量。'),
    ]),
    node('s2', 'section', '（二）', '实施产城融合行动', '', [node('i3', 'item', '3.', '加快产业能级提升', '推动产业用地有机更新，推进小城市培育试点建设。')]),
  ]),
];

let n = 0;
const p = (lineageKey: string | null, kind: Proposal['kind'], quote: string, text = '', extra: Partial<Proposal> = {}): Proposal => ({
  itemId: `item${++n}`,
  lineageKey,
  kind,
  quote,
  text,
  automatic: true,
  ...extra,
});

const flat = (tree: ProposalNode[]): ProposalNode[] => tree.flatMap((c) => [c, ...flat(c.children)]);
const find = (tree: ProposalNode[], key: string) => flat(tree).find((c) => c.lineageKey === key);
const keys = { newKey: (() => { let k = 0; return () => `new${++k}`; })() };

describe('applyProposals', () => {
  it('replaces a quoted span found once and leaves the input tree untouched', () => {
    const input = draft();
    const { tree, changes } = applyProposals(input, [p('i3', 'modify', '推动产业用地有机更新', '推动产业用地有机更新，加大财政资金统筹支持力度')], { numbering: 'continuous' });
    expect(find(tree, 'i3')!.text).toBe('推动产业用地有机更新，加大财政资金统筹支持力度，推进小城市培育试点建设。');
    expect(find(input, 'i3')!.text).toBe('推动产业用地有机更新，推进小城市培育试点建设。');
    expect(changes).toEqual([
      expect.objectContaining({
        lineageKey: 'i3',
        kind: 'modify',
        status: 'applied',
        beforeText: '加快产业能级提升。推动产业用地有机更新，推进小城市培育试点建设。',
        afterText: '加快产业能级提升。推动产业用地有机更新，加大财政资金统筹支持力度，推进小城市培育试点建设。',
        edits: [expect.objectContaining({ before: '推动产业用地有机更新', after: '推动产业用地有机更新，加大财政资金统筹支持力度' })],
      }),
    ]);
    expect(find(tree, 'i3')!.responsibleUnits).toEqual([{ name: '省建设厅', isLead: true }]);
  });

  it('applies several non-overlapping edits in one clause and removes a deleted span with its separator', () => {
    const { tree, changes } = applyProposals(
      draft(),
      [p('i1', 'modify', '加强', '加快'), p('i1', 'delete', '提升品质'), p('i1', 'add', '推动管网更新', '和改造')],
      { numbering: 'continuous' },
    );
    expect(find(tree, 'i1')!.text).toBe('加快城镇基础设施建设，推动管网更新和改造。');
    // one change for the clause, each item's edit inside it, in reading order
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ status: 'applied', itemIds: expect.arrayContaining([expect.any(String)]) });
    expect(changes[0].edits.map((e) => [e.kind, e.before, e.after])).toEqual([
      ['modify', '加强', '加快'],
      ['delete', '，提升品质', ''],
      ['add', '推动管网更新', '推动管网更新和改造'],
    ]);
  });

  it('writes the office’s own wording where a deletion was partly adopted, and leaves a whole-clause one to a person', () => {
    // 删除 decided 部分采纳 with the office's wording: the span takes the wording, it is not simply cut
    const span = applyProposals(draft(), [p('i1', 'delete', '提升品质', '提升服务品质')], { numbering: 'continuous' });
    expect(find(span.tree, 'i1')!.text).toBe('加强城镇基础设施建设，提升服务品质，推动管网更新。');
    expect(span.changes).toEqual([expect.objectContaining({ lineageKey: 'i1', status: 'applied', edits: [expect.objectContaining({ before: '提升品质', after: '提升服务品质' })] })]);
    // the whole clause with new wording: nothing is deleted behind the office's back
    const whole = applyProposals(draft(), [p('i2', 'delete', '', '推动高速公路提质')], { numbering: 'continuous' });
    expect(find(whole.tree, 'i2')!.text).toBe('推动高速公路提质增量。');
    expect(whole.changes).toEqual([expect.objectContaining({ lineageKey: 'i2', status: 'needs_manual_edit', manualReason: 'deletion_with_wording' })]);
  });

  it('takes one separator along with a deleted span', () => {
    const clause = (text: string) => [node('x', 'item', '1.', '', text)];
    const cut = (text: string, quote: string) => find(applyProposals(clause(text), [p('x', 'delete', quote)], { numbering: 'continuous' }).tree, 'x')!.text;
    expect(cut('推进老旧小区、城中村、镇中村改造。', '镇中村')).toBe('推进老旧小区、城中村改造。');
    expect(cut('推进老旧小区、城中村、镇中村改造。', '城中村')).toBe('推进老旧小区、镇中村改造。');
    expect(cut('甲，乙，丙。', '乙')).toBe('甲，丙。');
    expect(cut('甲，乙。', '乙')).toBe('甲。');
    expect(cut('老旧小区、城中村改造。', '老旧小区')).toBe('城中村改造。');
    expect(cut('推动更新，推进小城市培育。', '推进')).toBe('推动更新，小城市培育。');
  });

  it('edits the heading when the quote is only there', () => {
    const { tree } = applyProposals(draft(), [p('i2', 'modify', '交通服务能力', '综合交通服务能力')], { numbering: 'continuous' });
    expect(find(tree, 'i2')!.heading).toBe('提升综合交通服务能力');
  });

  it('marks a quote that is missing, found twice or overlapping another for a manual edit and keeps the text', () => {
    const { tree, changes } = applyProposals(
      draft(),
      [
        p('i2', 'modify', '推动铁路提质', '推动铁路提质增效'),
        p('i3', 'modify', '推', '促'),
        p('i1', 'modify', '城镇基础设施建设', '城镇市政设施建设'),
        p('i1', 'modify', '基础设施', '公共设施'),
      ],
      { numbering: 'continuous' },
    );
    expect(changes.map((c) => [c.lineageKey, c.status, c.manualReason, c.itemIds.length])).toEqual([
      ['i1', 'needs_manual_edit', 'overlap', 2],
      ['i2', 'needs_manual_edit', 'quote_not_found', 1],
      ['i3', 'needs_manual_edit', 'quote_ambiguous', 1],
    ]);
    expect(find(tree, 'i1')!.text).toBe(find(draft(), 'i1')!.text);
  });

  it('makes one change of the same proposal from several units', () => {
    const { changes } = applyProposals(draft(), [p('i2', 'modify', '提质增量', '提质扩容'), p('i2', 'modify', '提质增量', '提质扩容')], { numbering: 'continuous' });
    expect(changes).toHaveLength(1);
    expect(changes[0].itemIds).toHaveLength(2);
    expect(changes[0].status).toBe('applied');
  });

  it('deletes a whole clause (empty quote or the whole text) and renumbers the items after it', () => {
    const { tree, changes } = applyProposals(draft(), [p('i1', 'delete', '')], { numbering: 'continuous' });
    expect(find(tree, 'i1')).toBeUndefined();
    expect([find(tree, 'i2')!.label, find(tree, 'i3')!.label]).toEqual(['1.', '2.']);
    expect(changes[0]).toMatchObject({ kind: 'delete', status: 'applied', afterText: '', beforeText: '提升市政设施品质。加强城镇基础设施建设，提升品质，推动管网更新。' });
    expect(changes).toHaveLength(1);
    const again = applyProposals(draft(), [p('i2', 'delete', '推动高速公路提质增量。')], { numbering: 'continuous' });
    expect(find(again.tree, 'i2')).toBeUndefined();
  });

  it('refuses to guess when a clause is both deleted and edited', () => {
    const { tree, changes } = applyProposals(draft(), [p('i2', 'delete', ''), p('i2', 'modify', '高速公路', '国省道')], { numbering: 'continuous' });
    expect(find(tree, 'i2')).toBeDefined();
    expect(changes.every((c) => c.manualReason === 'conflicts_with_deletion')).toBe(true);
  });

  it('adds a new clause after an item, and as the last item of a section, with new lineage and numbering', () => {
    const { tree, changes } = applyProposals(
      draft(),
      [p('i1', 'add', '', '推进城镇燃气管网改造。实施老旧管网更新。'), p('s2', 'add', '', '加强产业服务配套。建设工业邻里中心。')],
      { numbering: 'continuous', ...keys },
    );
    const s1 = find(tree, 's1')!;
    expect(s1.children.map((c) => `${c.label}${c.heading}`)).toEqual(['1.提升市政设施品质', '2.推进城镇燃气管网改造', '3.提升交通服务能力']);
    expect(s1.children[1]).toMatchObject({ kind: 'item', text: '实施老旧管网更新。', responsibleUnits: [] });
    const s2 = find(tree, 's2')!;
    expect(s2.children.map((c) => `${c.label}${c.heading}`)).toEqual(['4.加快产业能级提升', '5.加强产业服务配套']);
    expect(changes.map((c) => [c.lineageKey, c.addedLineageKey])).toEqual([
      ['i1', s1.children[1].lineageKey],
      ['s2', s2.children[1].lineageKey],
    ]);
  });

  it('leaves general comments, 其他 and partial adoptions without wording to a person', () => {
    const { changes } = applyProposals(
      draft(),
      [p(null, 'other', '', '建议加强统筹'), p('i2', 'other', '', '建议细化'), p('i3', 'modify', '有机更新', '更新', { automatic: false }), p('zz', 'modify', 'x', 'y')],
      { numbering: 'continuous' },
    );
    expect(changes.map((c) => [c.lineageKey, c.manualReason])).toEqual([
      [null, 'general_comment'],
      [null, 'clause_not_found'],
      ['i2', 'no_text_to_apply'],
      ['i3', 'partial_without_text'],
    ]);
  });

  it('keeps every surviving lineage key exactly once', () => {
    const { tree } = applyProposals(draft(), [p('i1', 'delete', ''), p('i2', 'add', '', '新增任务。内容。')], { numbering: 'continuous' });
    const all = flat(tree).map((c) => c.lineageKey);
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((k) => ['p1', 's1', 'i2', 's2', 'i3'].includes(k))).toEqual(['p1', 's1', 'i2', 's2', 'i3']);
  });
});

describe('findConflicts', () => {
  const clause = { heading: '加快产业能级提升', text: '推动产业用地有机更新，推进小城市培育试点建设。' };
  it('flags overlapping spans with different proposals, not the same proposal twice', () => {
    const groups = findConflicts(clause, [
      { id: 'a', kind: 'modify', quote: '推动产业用地有机更新', proposedText: '推动低效产业用地有机更新' },
      { id: 'b', kind: 'modify', quote: '产业用地', proposedText: '工业用地' },
      { id: 'c', kind: 'modify', quote: '推进小城市培育试点建设', proposedText: '深化小城市培育试点' },
      { id: 'd', kind: 'modify', quote: '推进小城市培育试点建设', proposedText: '深化小城市培育试点' },
    ]);
    expect(groups).toEqual([['a', 'b']]);
  });
  it('counts a deletion of the whole clause as overlapping every edit', () => {
    expect(findConflicts(clause, [
      { id: 'a', kind: 'delete', quote: '', proposedText: '' },
      { id: 'b', kind: 'modify', quote: '试点', proposedText: '示范' },
    ])).toEqual([['a', 'b']]);
  });
});
