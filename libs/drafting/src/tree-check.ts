import { CLAUSE_KINDS, type ClauseKind } from './clause-tree';
import { DraftingErrors } from './errors';
import type { EditableNode } from './tree-edit';

export const TREE_LIMITS = { nodes: 20_000, depth: 12, label: 30, heading: 2000, text: 100_000, note: 2000, units: 50, unitName: 200, rows: 2000, cells: 100, cell: 10_000, key: 100 } as const;

/** How deep a numbered kind sits: a child must sit deeper than the nearest numbered clause above it. */
const RANK: Partial<Record<ClauseKind, number>> = { chapter: 0, part: 1, section: 2, article: 3, item: 4, subitem: 5 };
const KIND_NAME: Record<ClauseKind, string> = { chapter: '章', part: '部分', section: '节', article: '条', item: '条目', subitem: '项', paragraph: '段落', annex: '附件', table: '表格' };

export const isNumberedKind = (kind: ClauseKind) => RANK[kind] !== undefined;

/**
 * Whether `kind` may sit under `parent` (null: at the top) given the nearest numbered clause above
 * (`numbered`; paragraphs and annexes are transparent): an annex only at the top, nothing under a
 * table, a numbered clause deeper than the numbered clause above it (（一） under 一、, 第一条 under 第一章,
 * never 第一章 under 第一条 or 一、 under 1.).
 */
export function fitsUnder(kind: ClauseKind, parent: ClauseKind | null, numbered: ClauseKind | null): boolean {
  if (parent === 'table') return false;
  if (kind === 'annex') return parent === null;
  if (!isNumberedKind(kind) || numbered === null) return true;
  return RANK[kind]! > RANK[numbered]!;
}

/** The kind one level down from `kind` in a family: 一、→（一）→1.→（1）; 第一章→第一节→第一条→（一）→1.; below that a paragraph. */
export function kindBelow(kind: ClauseKind, regulation: boolean): ClauseKind {
  switch (kind) {
    case 'chapter':
      return 'section';
    case 'part':
      return 'section';
    case 'section':
      return regulation ? 'article' : 'item';
    case 'article':
      return 'item';
    case 'item':
      return 'subitem';
    default:
      return 'paragraph';
  }
}

export const where = (n: { label?: unknown; heading?: unknown; text?: unknown }, path: string) => {
  const label = typeof n.label === 'string' ? n.label : '';
  const head = typeof n.heading === 'string' && n.heading ? n.heading : typeof n.text === 'string' ? n.text : '';
  const shown = `${label}${head.slice(0, 12)}${head.length > 12 ? '…' : ''}`.trim();
  return shown ? `“${shown}”` : `（位置 ${path}）`;
};

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const oneLine = (s: string) => !/[\r\n\u2028\u2029]/.test(s);

/**
 * A clause tree as the browser sends it back (an import preview the office corrected), checked
 * before anything uses it: shape, kinds, nesting, labels, tables, 责任单位 and sizes. The first
 * fault is refused with a TREE_* code naming the clause (details.path is its position, "1.0.2").
 * Each node's key is the `key` it came with (unique, ≤ 100 characters), else its path.
 */
export function readClauseTree(raw: unknown): EditableNode[] {
  let count = 0;
  const keys = new Set<string>();
  const read = (nodes: unknown, prefix: string, depth: number, parent: ClauseKind | null, numbered: ClauseKind | null): EditableNode[] => {
    if (!Array.isArray(nodes)) throw DraftingErrors.treeEditBadTree({ path: prefix.replace(/\.$/, '') || null });
    if (depth >= TREE_LIMITS.depth && nodes.length) throw DraftingErrors.treeTooLarge(`（位置 ${prefix.replace(/\.$/, '')}）`, { path: prefix.replace(/\.$/, ''), depth });
    return nodes.map((n, i): EditableNode => {
      const path = `${prefix}${i}`;
      if (++count > TREE_LIMITS.nodes) throw DraftingErrors.treeTooLarge('', { path, nodes: count });
      if (!isObject(n)) throw DraftingErrors.treeEditBadTree({ path });
      const at = where(n, path);
      const details = { path };
      if (!(CLAUSE_KINDS as readonly unknown[]).includes(n.kind)) throw DraftingErrors.treeBadKind(at, String(n.kind).slice(0, 20), details);
      const kind = n.kind as ClauseKind;
      for (const field of ['label', 'heading', 'text'] as const) if (n[field] !== undefined && typeof n[field] !== 'string') throw DraftingErrors.treeEditBadTree({ path, field });
      const label = (n.label as string | undefined) ?? '';
      const heading = (n.heading as string | undefined) ?? '';
      const text = (n.text as string | undefined) ?? '';
      if (heading.length > TREE_LIMITS.heading || text.length > TREE_LIMITS.text) throw DraftingErrors.treeTooLarge(at, details);
      if (label.length > TREE_LIMITS.label || !oneLine(label) || ((kind === 'paragraph' || kind === 'table') && label !== '')) throw DraftingErrors.treeBadLabel(at, details);
      const number = n.number ?? null;
      if (number !== null && (typeof number !== 'number' || !Number.isInteger(number) || number < 0 || number > 100_000)) throw DraftingErrors.treeBadLabel(at, details);
      if (!fitsUnder(kind, parent, numbered)) throw DraftingErrors.treeBadNesting(at, KIND_NAME[kind], parent === null ? '最上一级' : KIND_NAME[numbered && parent !== 'table' && kind !== 'annex' ? numbered : parent], details);

      const table = n.table ?? null;
      let rows: string[][] | null = null;
      if (kind === 'table') {
        const r = isObject(table) ? table.rows : undefined;
        if (!Array.isArray(r) || r.length === 0 || r.length > TREE_LIMITS.rows || !r.every((row) => Array.isArray(row) && row.length <= TREE_LIMITS.cells && row.every((c) => typeof c === 'string' && c.length <= TREE_LIMITS.cell))) throw DraftingErrors.treeBadTable(at, details);
        rows = r as string[][];
      } else if (table !== null) throw DraftingErrors.treeBadTable(at, details);

      const units = n.responsibleUnits ?? [];
      if (!Array.isArray(units) || units.length > TREE_LIMITS.units) throw DraftingErrors.treeBadUnits(at, details);
      const responsibleUnits = units.map((u) => {
        if (!isObject(u) || typeof u.name !== 'string' || !u.name.trim() || u.name.length > TREE_LIMITS.unitName || (u.isLead !== undefined && typeof u.isLead !== 'boolean')) throw DraftingErrors.treeBadUnits(at, details);
        return { name: u.name.trim(), isLead: u.isLead === true };
      });
      if (responsibleUnits.filter((u) => u.isLead).length > 1) throw DraftingErrors.treeBadUnits(at, details);
      const note = n.responsibilityRaw ?? null;
      if (note !== null && (typeof note !== 'string' || note.length > TREE_LIMITS.note)) throw DraftingErrors.treeBadUnits(at, details);

      const given = typeof n.key === 'string' && n.key && n.key.length <= TREE_LIMITS.key && !keys.has(n.key) ? n.key : null;
      const key = given ?? (keys.has(path) ? `${path}#${count}` : path);
      keys.add(key);
      const children = read(n.children ?? [], `${path}.`, depth + 1, kind, isNumberedKind(kind) ? kind : numbered);
      return { key, kind, label, number, heading, text, responsibleUnits, responsibilityRaw: note as string | null, table: rows ? { rows } : null, children };
    });
  };
  const tree = read(raw, '', 0, null, null);
  if (tree.length === 0) throw DraftingErrors.treeEmpty();
  return tree;
}

/** The same nesting rules on a tree already in memory (after corrections): the first misplaced clause, or null. */
export function misplaced(tree: EditableNode[]): { node: EditableNode; parent: EditableNode | null; numbered: ClauseKind | null } | null {
  const walk = (nodes: EditableNode[], parent: EditableNode | null, numbered: ClauseKind | null): ReturnType<typeof misplaced> => {
    for (const node of nodes) {
      if (!fitsUnder(node.kind, parent?.kind ?? null, numbered)) return { node, parent, numbered };
      const found = walk(node.children, node, isNumberedKind(node.kind) ? node.kind : numbered);
      if (found) return found;
    }
    return null;
  };
  return walk(tree, null, null);
}

export { KIND_NAME };
