import { DomainError } from '@zq/common';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedClause } from './clause-tree';
import { DraftingErrors } from './errors';
import { importFile, importText } from './importer/import-draft';
import { readClauseTree } from './tree-check';
import { applyTreeOperations, type EditableNode, type TreeOperation } from './tree-edit';

const opinion = importText(`关于某事的意见

一、总体要求
（一）指导思想。坚持以人民为中心。
（二）主要目标。到2025年全面完成。
二、主要任务
1.提升设施。完善设施。（责任单位：省建设厅、省水利厅）
2.提升服务。完善服务。
三、保障措施
（一）加强领导。
`).clauses;
const regulation = importText(`某某条例

第一章 总则
第一条 为了规范管理，制定本条例。
第二条 本条例适用于本省。
第三条 有下列情形之一的，依法处理：
（一）未经许可的；
（二）超出范围的。
第二章 附则
第四条 本条例自2026年1月1日起施行。
`).clauses;

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return null;
};
const outline = (nodes: EditableNode[], depth = 0): string[] => nodes.flatMap((c) => [`${'  '.repeat(depth)}${c.kind}:${c.label}:${c.heading || c.text.slice(0, 6)}`, ...outline(c.children, depth + 1)]);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

describe('a clause tree sent back by the browser', () => {
  it('takes a parsed tree as it is, keyed by path (or by the key it came with)', () => {
    const tree = readClauseTree(clone(opinion));
    expect(outline(tree)).toEqual(outline(readClauseTree(clone(opinion))));
    expect(tree[1].children[0].key).toBe('1.0');
    expect(tree[1].children[0].responsibleUnits.map((u) => u.name)).toEqual(['省建设厅', '省水利厅']);
    const withKeys = readClauseTree([{ ...clone(opinion[0]), key: 'k-a' }, { ...clone(opinion[1]), key: 'k-a' }]);
    expect(withKeys.map((n) => n.key)).toEqual(['k-a', '1']); // a duplicate key falls back to the path
    expect(code(() => readClauseTree(clone(regulation)))).toBeNull();
  });

  it('takes back every tree the importer gives for the real drafts on file (opinions, regulations, annex tables, .docx, .doc, PDF)', async () => {
    const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures');
    const files = [join(fixtures, 'beautiful-towns-round2-letter.txt'), ...readdirSync(join(fixtures, 'drafts')).filter((f) => /\.(txt|docx|doc|pdf)$/.test(f) && !/password/.test(f)).map((f) => join(fixtures, 'drafts', f))];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const parsed = await importFile(readFileSync(file), file);
      if (parsed.clauses.length === 0) continue; // a letter without its draft
      const back = readClauseTree(clone(parsed.clauses));
      expect([file, outline(back)]).toEqual([file, outline(readClauseTree(clone(parsed.clauses)))]);
      expect(back.length).toBe(parsed.clauses.length);
    }
  }, 60_000);

  it('refuses bad trees with a stable code naming the clause', () => {
    const bad: [unknown, string][] = [
      ['not a list', 'TREE_EDIT_BAD_TREE'],
      [[], 'TREE_EMPTY'],
      [[{ ...clone(opinion[0]), kind: 'chapterx' }], 'TREE_BAD_KIND'],
      // 一、 inside 1., 第一章 inside 第一条, an annex inside a part, anything inside a table
      [[{ ...clone(opinion[1]), children: [{ ...clone(opinion[1].children[0]), children: [clone(opinion[0])] }] }], 'TREE_BAD_NESTING'],
      [[{ ...clone(regulation[0]), children: [{ ...clone(regulation[0].children[0]), children: [{ ...clone(regulation[1]), children: [] }] }] }], 'TREE_BAD_NESTING'],
      [[{ ...clone(opinion[0]), children: [{ kind: 'annex', label: '附件', number: null, heading: '名单', text: '', responsibleUnits: [], children: [] }] }], 'TREE_BAD_NESTING'],
      [[{ kind: 'table', label: '', number: null, heading: '', text: '', responsibleUnits: [], table: { rows: [['a']] }, children: [clone(opinion[0])] }], 'TREE_BAD_NESTING'],
      [[{ ...clone(opinion[0]), label: '一、\n二、' }], 'TREE_BAD_LABEL'],
      [[{ ...clone(opinion[0]), label: '一'.repeat(31) }], 'TREE_BAD_LABEL'],
      [[{ kind: 'paragraph', label: '1.', number: null, heading: '', text: '段落', responsibleUnits: [], children: [] }], 'TREE_BAD_LABEL'],
      [[{ ...clone(opinion[0]), number: 1.5 }], 'TREE_BAD_LABEL'],
      [[{ kind: 'table', label: '', number: null, heading: '', text: '', responsibleUnits: [], children: [] }], 'TREE_BAD_TABLE'],
      [[{ ...clone(opinion[0]), table: { rows: [['a']] } }], 'TREE_BAD_TABLE'],
      [[{ ...clone(opinion[0]), responsibleUnits: [{ name: '省建设厅', isLead: true }, { name: '省水利厅', isLead: true }] }], 'TREE_BAD_UNITS'],
      [[{ ...clone(opinion[0]), responsibleUnits: [{ name: '  ', isLead: false }] }], 'TREE_BAD_UNITS'],
      [[{ ...clone(opinion[0]), text: '字'.repeat(100_001) }], 'TREE_TOO_LARGE'],
      [Array.from({ length: 20_001 }, () => ({ kind: 'paragraph', label: '', number: null, heading: '', text: 'x', responsibleUnits: [], children: [] })), 'TREE_TOO_LARGE'],
      [[JSON.parse('{"kind":"part","label":"一、","number":1,"heading":"","text":"","responsibleUnits":[],"children":' + '[{"kind":"paragraph","label":"","number":null,"heading":"","text":"","responsibleUnits":[],"children":'.repeat(13) + '[]' + '}]'.repeat(13) + '}')], 'TREE_TOO_LARGE'],
    ];
    for (const [tree, expected] of bad) expect([expected, code(() => readClauseTree(tree))]).toEqual([expected, expected]);
    try {
      readClauseTree([{ ...clone(opinion[1]), children: [{ ...clone(opinion[1].children[0]), children: [clone(opinion[0])] }] }]);
    } catch (e) {
      expect((e as DomainError).message).toBe('条款“一、总体要求”（部分）不能放在条目之下，请改类型或调整层级');
      expect((e as DomainError).details).toEqual({ path: '0.0.0' });
    }
  });

  it('answers any input with a tree or a TREE_* error, never a crash (property)', () => {
    const node = fc.letrec((tie) => ({
      node: fc.record(
        {
          kind: fc.oneof(fc.constantFrom('part', 'section', 'item', 'subitem', 'paragraph', 'annex', 'table', 'chapter', 'article'), fc.anything()),
          label: fc.oneof(fc.constantFrom('一、', '（一）', '1.', ''), fc.anything()),
          number: fc.oneof(fc.integer(), fc.constant(null), fc.anything()),
          heading: fc.oneof(fc.string(), fc.anything()),
          text: fc.oneof(fc.string(), fc.anything()),
          responsibleUnits: fc.oneof(fc.array(fc.record({ name: fc.oneof(fc.string(), fc.anything()), isLead: fc.oneof(fc.boolean(), fc.anything()) })), fc.anything()),
          table: fc.oneof(fc.constant(null), fc.record({ rows: fc.oneof(fc.array(fc.array(fc.string())), fc.anything()) }), fc.anything()),
          key: fc.oneof(fc.string(), fc.anything()),
          children: fc.oneof({ depthSize: 'small' }, fc.constant([]), fc.array(tie('node'), { maxLength: 3 }), fc.anything()),
        },
        { requiredKeys: [] },
      ),
    })).node;
    fc.assert(
      fc.property(fc.oneof(fc.array(node, { maxLength: 4 }), fc.anything()), (raw) => {
        try {
          readClauseTree(raw);
        } catch (e) {
          if (!(e instanceof DomainError) || !/^TREE_/.test(e.code)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('catalogues importer and correction errors with Chinese messages', () => {
    expect(DraftingErrors.importPdfNoTextLayer({ pages: 3 })).toMatchObject({ code: 'IMPORT_NO_TEXT_LAYER', details: { pages: 3 } });
    expect(DraftingErrors.importPdfNoTextLayer().message).toContain('请提供 Word 文件');
    expect(DraftingErrors.treeEditCannotMerge(2)).toMatchObject({ code: 'TREE_EDIT_CANNOT_MERGE', message: '第3项修改无法执行：该条款前面没有同级条款，无法合并', details: { operation: 2 } });
  });
});

describe('promoting and demoting takes the kind the new place needs', () => {
  const keyed = (nodes: ParsedClause[]) => readClauseTree(clone(nodes));

  it('一、 demoted under 一、 becomes （一）, and its （一） become 1.', () => {
    const out = applyTreeOperations(keyed(opinion), [{ op: 'demote', key: '2' }], 'per_section');
    expect(outline(out).slice(6)).toEqual(['  section:（一）:保障措施', '    item:1.:加强领导。']);
  });

  it('1. promoted out of 二、 becomes 三、, taking the items after it', () => {
    const out = applyTreeOperations(keyed(opinion), [{ op: 'promote', key: '1.0' }], 'per_section');
    expect(outline(out).slice(3)).toEqual(['part:二、:主要任务', 'part:三、:提升设施', '  item:1.:提升服务', 'part:四、:保障措施', '  section:（一）:加强领导。']);
  });

  it('第二条 demoted under 第一条 becomes its （一）; articles renumber through the text', () => {
    const out = applyTreeOperations(keyed(regulation), [{ op: 'demote', key: '0.1' }], 'per_section');
    expect(outline(out)).toEqual([
      'chapter:第一章:总则',
      '  article:第一条:为了规范管理',
      '    item:（一）:本条例适用于',
      '  article:第二条:有下列情形之',
      '    item:（一）:未经许可的；',
      '    item:（二）:超出范围的。',
      'chapter:第二章:附则',
      '  article:第三条:本条例自20',
    ]);
  });

  it('refuses a kind that does not fit where the clause is', () => {
    expect(code(() => applyTreeOperations(keyed(opinion), [{ op: 'set_kind', key: '1.0', kind: 'part' }], 'per_section'))).toBe('TREE_BAD_NESTING');
    expect(code(() => applyTreeOperations(keyed(opinion), [{ op: 'set_kind', key: '1.0', kind: 'subitem' }], 'per_section'))).toBeNull();
  });

  it('answers any operation the API lets through with a tree or a TREE_* error, never a crash (property)', () => {
    const keys = ['0', '1', '1.0', '1.1', '2', '2.0', '0.0', '0.1', '0.2', '9', 'x'];
    const op = fc.record(
      {
        op: fc.constantFrom('set_kind', 'promote', 'demote', 'split', 'merge_previous', 'edit', 'move_note', 'set_lead'),
        key: fc.oneof(fc.constantFrom(...keys), fc.string()),
        kind: fc.constantFrom('part', 'section', 'item', 'subitem', 'paragraph', 'annex', 'table', 'chapter', 'article'),
        offset: fc.integer({ min: 1, max: 60 }),
        field: fc.constantFrom('text', 'heading'),
        heading: fc.string(),
        text: fc.string(),
        to: fc.constantFrom(...keys),
        unit: fc.oneof(fc.constant(null), fc.constantFrom('省建设厅', '省水利厅', '省财政厅')),
      },
      { requiredKeys: ['op', 'key'] },
    );
    fc.assert(
      fc.property(fc.boolean(), fc.array(op, { minLength: 1, maxLength: 6 }), (reg, ops) => {
        try {
          readClauseTree(clone(applyTreeOperations(readClauseTree(clone(reg ? regulation : opinion)), ops as TreeOperation[], 'continuous')));
        } catch (e) {
          if (!(e instanceof DomainError) || !/^TREE_/.test(e.code)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('whatever corrections apply, the tree that comes out is one the import accepts back (property)', () => {
    const ops = ['promote', 'demote', 'merge_previous', 'split', 'set_kind', 'move_note'] as const;
    const kinds = ['part', 'section', 'item', 'subitem', 'paragraph', 'chapter', 'article'] as const;
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.tuple(fc.constantFrom(...ops), fc.nat(40), fc.nat(40), fc.constantFrom(...kinds)), { minLength: 1, maxLength: 8 }), (reg, steps) => {
        let tree = keyed(reg ? regulation : opinion);
        for (const [op, a, b, kind] of steps) {
          const flat = (ns: EditableNode[]): EditableNode[] => ns.flatMap((n) => [n, ...flat(n.children)]);
          const all = flat(tree);
          const node = all[a % all.length];
          const operation: TreeOperation =
            op === 'split' ? { op, key: node.key, offset: 1 + (b % Math.max(1, node.text.length - 1)) } : op === 'set_kind' ? { op, key: node.key, kind } : op === 'move_note' ? { op, key: node.key, to: all[b % all.length].key } : { op, key: node.key };
          try {
            tree = readClauseTree(clone(applyTreeOperations(tree, [operation], 'per_section')));
          } catch (e) {
            if (!(e instanceof DomainError) || !/^TREE_/.test(e.code)) throw e;
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
