import { DomainError } from '@zq/common';
import type { ParsedClause } from './clause-tree';
import { importText } from './importer/import-draft';
import { applyTreeOperations, type EditableNode, type TreeOperation } from './tree-edit';

/** Keys are paths ("1.0.2"), as the import preview addresses clauses. */
function keyed(nodes: ParsedClause[], prefix = ''): EditableNode[] {
  return nodes.map((n, i) => ({ ...n, key: `${prefix}${i}`, children: keyed(n.children, `${prefix}${i}.`) }));
}
function outline(nodes: EditableNode[], depth = 0): string[] {
  return nodes.flatMap((c) => [`${'  '.repeat(depth)}${c.kind}:${c.label}:${c.heading || c.text.slice(0, 8)}`, ...outline(c.children, depth + 1)]);
}
const tree = () =>
  keyed(
    importText(`关于某事的意见

一、总体要求
（一）指导思想。坚持以人民为中心。
（二）主要目标。到2025年全面完成。这一句本应是下一条。
二、主要任务
1.提升设施。完善设施。（责任单位：省建设厅、省水利厅）
2.提升服务。完善服务。
3.加强保障。这一条其实是一个部分。
`).clauses,
  );
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return null;
};

describe('correcting the parsed tree', () => {
  it('splits a clause at an offset and renumbers what follows; the second part keeps note and children', () => {
    const t = tree();
    const at = t[0].children[1].text.indexOf('这一句');
    const out = applyTreeOperations(t, [{ op: 'split', key: '0.1', offset: at }], 'per_section');
    expect(outline(out)).toEqual([
      'part:一、:总体要求',
      '  section:（一）:指导思想',
      '  section:（二）:主要目标',
      '  section:（三）:这一句本应是下一',
      'part:二、:主要任务',
      '  item:1.:提升设施',
      '  item:2.:提升服务',
      '  item:3.:加强保障',
    ]);
    expect(out[0].children[2].key).toBe('new:1');
  });

  it('promotes an item to a part (the clauses after it become its children) and demotes it back', () => {
    const t = tree();
    const promoted = applyTreeOperations(t, [{ op: 'promote', key: '1.2' }, { op: 'set_kind', key: '1.2', kind: 'part' }], 'per_section');
    expect(outline(promoted).slice(3)).toEqual(['part:二、:主要任务', '  item:1.:提升设施', '  item:2.:提升服务', 'part:三、:加强保障']);
    const back = applyTreeOperations(keyed(promoted as never), [{ op: 'demote', key: '2' }, { op: 'set_kind', key: '2', kind: 'item' }], 'per_section');
    expect(outline(back).slice(3)).toEqual(['part:二、:主要任务', '  item:1.:提升设施', '  item:2.:提升服务', '  item:3.:加强保障']);
  });

  it('merges a clause into the one before, moves a note and marks the lead', () => {
    const out = applyTreeOperations(
      tree(),
      [
        { op: 'move_note', key: '1.0', to: '1.1' },
        { op: 'set_lead', key: '1.1', unit: '省水利厅' },
        { op: 'merge_previous', key: '1.2' },
        { op: 'edit', key: '0', heading: '总体思路' },
      ],
      'per_section',
    );
    expect(out[0].heading).toBe('总体思路');
    expect(out[1].children.map((c) => c.label)).toEqual(['1.', '2.']);
    expect(out[1].children[1].text).toBe('完善服务。加强保障。这一条其实是一个部分。');
    expect(out[1].children[0].responsibleUnits).toEqual([]);
    expect(out[1].children[1].responsibleUnits).toEqual([
      { name: '省建设厅', isLead: false },
      { name: '省水利厅', isLead: true },
    ]);
  });

  it('refuses what cannot apply, naming the operation, and changes nothing', () => {
    const t = tree();
    const ops: [TreeOperation[], string][] = [
      [[{ op: 'promote', key: '0' }], 'TREE_EDIT_CANNOT_PROMOTE'],
      [[{ op: 'demote', key: '0.0' }], 'TREE_EDIT_CANNOT_DEMOTE'],
      [[{ op: 'split', key: '0.0', offset: 0 }], 'TREE_EDIT_BAD_OFFSET'],
      [[{ op: 'merge_previous', key: '9' }], 'TREE_EDIT_CLAUSE_NOT_FOUND'],
      [[{ op: 'set_lead', key: '1.0', unit: '省财政厅' }], 'TREE_EDIT_UNIT_NOT_LISTED'],
      [[{ op: 'move_note', key: '1.1', to: '1.2' }], 'TREE_EDIT_NO_NOTE'],
      [[{ op: 'set_kind', key: '0', kind: 'chapterx' as never }], 'TREE_EDIT_BAD_KIND'],
      [[{ op: 'explode', key: '0' } as never], 'TREE_EDIT_UNKNOWN_OPERATION'],
      [[], 'TREE_EDIT_EMPTY'],
    ];
    for (const [o, expected] of ops) expect(code(() => applyTreeOperations(t, o, 'per_section'))).toBe(expected);
    expect(outline(t)).toEqual(outline(tree()));
  });
});
