import { DomainError } from '@zq/common';
import type { ClauseKind } from '../clause-tree';
import { diffVersions, flattenForDiff, redline, type DiffClause, type KeyedClause } from './diff-versions';

function node(lineageKey: string, kind: ClauseKind, label: string, heading: string, text: string, children: KeyedClause[] = []): KeyedClause {
  return { lineageKey, kind, label, heading, text, children };
}

const v1 = flattenForDiff([
  node('p1', 'part', '一、', '主要任务', '', [
    node('s1', 'section', '（一）', '实施设施提标行动', '', [
      node('i1', 'item', '1.', '提升市政设施品质', '加强城镇基础设施建设，提升品质。'),
      node('i2', 'item', '2.', '提升交通服务能力', '推动高速公路提质增量。'),
      node('i3', 'item', '3.', '推进低碳设施建设', '发展清洁能源。'),
    ]),
    node('s2', 'section', '（二）', '实施服务提质行动', '', [node('i4', 'item', '4.', '提升城乡居住品质', '完善住房保障体系。')]),
  ]),
]);

describe('diffVersions', () => {
  it('calls every clause unchanged when nothing changed', () => {
    const d = diffVersions(v1, v1);
    expect(d.counts).toEqual({ added: 0, deleted: 0, changed: 0, moved: 0, unchanged: 7 });
    expect(d.changes.map((c) => c.lineageKey)).toEqual(['p1', 's1', 'i1', 'i2', 'i3', 's2', 'i4']);
  });

  it('reports an insertion as added without moving the clauses after it, and renumbering as no change', () => {
    const v2 = flattenForDiff([
      node('p1', 'part', '一、', '主要任务', '', [
        node('s1', 'section', '（一）', '实施设施提标行动', '', [
          node('new', 'item', '1.', '加强规划引领', '科学编制建设规划。'),
          node('i1', 'item', '2.', '提升市政设施品质', '加强城镇基础设施建设，提升品质。'),
          node('i2', 'item', '3.', '提升交通服务能力', '推动高速公路提质增量。'),
          node('i3', 'item', '4.', '推进低碳设施建设', '发展清洁能源。'),
        ]),
        node('s2', 'section', '（二）', '实施服务提质行动', '', [node('i4', 'item', '5.', '提升城乡居住品质', '完善住房保障体系。')]),
      ]),
    ]);
    const d = diffVersions(v1, v2);
    expect(d.counts).toEqual({ added: 1, deleted: 0, changed: 0, moved: 0, unchanged: 7 });
    const added = d.changes.find((c) => c.lineageKey === 'new')!;
    expect(added.status).toBe('added');
    expect(added.redline).toEqual([{ op: 'insert', text: '科学编制建设规划。' }]);
    expect(d.changes.find((c) => c.lineageKey === 'i1')).toMatchObject({ status: 'unchanged', relabelled: true });
  });

  it('reports changed text with a word-level redline and keeps deleted clauses where they were', () => {
    const v2 = v1
      .filter((c) => c.lineageKey !== 'i2')
      .map((c): DiffClause => (c.lineageKey === 'i1' ? { ...c, text: '加快城镇市政设施建设，提升品质和水平。' } : c));
    const d = diffVersions(v1, v2);
    expect(d.changes.map((c) => `${c.lineageKey}:${c.status}`)).toEqual([
      'p1:unchanged',
      's1:unchanged',
      'i1:changed',
      'i2:deleted',
      'i3:unchanged',
      's2:unchanged',
      'i4:unchanged',
    ]);
    const changed = d.changes[2];
    expect(changed).toMatchObject({ textChanged: true, headingChanged: false, moved: false });
    expect(changed.redline).toEqual([
      { op: 'delete', text: '加强' },
      { op: 'insert', text: '加快' },
      { op: 'equal', text: '城镇' },
      { op: 'delete', text: '基础' },
      { op: 'insert', text: '市政' },
      { op: 'equal', text: '设施建设，提升品质' },
      { op: 'insert', text: '和水平' },
      { op: 'equal', text: '。' },
    ]);
    expect(d.changes[3].redline).toEqual([{ op: 'delete', text: '推动高速公路提质增量。' }]);
  });

  it('reports a clause moved to another section, and one reordered among its siblings', () => {
    const v2 = v1.map((c): DiffClause => {
      if (c.lineageKey === 'i3') return { ...c, parentKey: 's2', position: 1 };
      if (c.lineageKey === 'i1') return { ...c, position: 1 };
      if (c.lineageKey === 'i2') return { ...c, position: 0 };
      return c;
    });
    const d = diffVersions(v1, v2);
    const status = Object.fromEntries(d.changes.map((c) => [c.lineageKey, c.status]));
    expect(status.i3).toBe('moved');
    // of i1/i2 swapped, one is out of order relative to the other: exactly one counts as moved
    expect([status.i1, status.i2].sort()).toEqual(['moved', 'unchanged']);
    expect(status.i4).toBe('unchanged');
  });

  it('reports a heading change and a change of units', () => {
    const v2 = v1.map((c): DiffClause => {
      if (c.lineageKey === 's2') return { ...c, heading: '实施公共服务提质行动' };
      if (c.lineageKey === 'i4') return { ...c, units: ['省建设厅'] };
      return c;
    });
    const d = diffVersions(v1, v2);
    const s2 = d.changes.find((c) => c.lineageKey === 's2')!;
    expect(s2).toMatchObject({ status: 'changed', headingChanged: true, textChanged: false });
    expect(s2.headingRedline!.filter((s) => s.op === 'insert').map((s) => s.text).join('')).toBe('公共');
    expect(d.changes.find((c) => c.lineageKey === 'i4')).toMatchObject({ status: 'changed', unitsChanged: true });
  });

  it('puts a deleted first clause first', () => {
    const d = diffVersions(v1, v1.filter((c) => !['p1', 's1', 'i1', 'i2', 'i3', 's2'].includes(c.lineageKey)).map((c) => ({ ...c, parentKey: null })));
    expect(d.changes[0]).toMatchObject({ lineageKey: 'p1', status: 'deleted' });
    expect(d.changes.find((c) => c.lineageKey === 'i4')).toMatchObject({ status: 'moved' });
  });

  it('refuses a version that uses a lineage key twice', () => {
    expect(() => diffVersions([...v1, v1[0]], v1)).toThrow(DomainError);
  });
});

describe('redline', () => {
  it('is empty for two empty texts and one equal run for the same text', () => {
    expect(redline('', '')).toEqual([]);
    expect(redline('不变。', '不变。')).toEqual([{ op: 'equal', text: '不变。' }]);
  });

  it('concatenates back to either side', () => {
    const a = '推进老旧小区、城中村、镇中村改造，实现邻里中心全覆盖。';
    const b = '推进老旧小区和城中村改造，基本实现邻里中心全覆盖。';
    const r = redline(a, b);
    expect(r.filter((s) => s.op !== 'insert').map((s) => s.text).join('')).toBe(a);
    expect(r.filter((s) => s.op !== 'delete').map((s) => s.text).join('')).toBe(b);
  });
});
