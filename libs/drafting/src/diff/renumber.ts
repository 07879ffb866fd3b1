import type { ClauseKind, ItemNumbering } from '../clause-tree';
import { formatLabel } from '../importer/numerals';

/** Any clause tree: a ParsedClause, or a stored clause with its own extra fields. */
export interface NumberedNode<T> {
  kind: ClauseKind;
  label: string;
  number: number | null;
  children: T[];
}

/**
 * Recomputes labels and numbers after clauses were inserted, deleted or moved: parts run through
 * the document, sections and subitems restart under each parent, items run on across sections
 * ('continuous') or restart in each ('per_section'), annexes are numbered when there are several.
 * Returns new nodes; the input is not changed.
 */
export function renumber<T extends NumberedNode<T>>(tree: T[], scheme: ItemNumbering | { items: ItemNumbering }): T[] {
  const items = typeof scheme === 'string' ? scheme : scheme.items;
  const annexes = countKind(tree, 'annex');
  const counters = { part: 0, item: 0, annex: 0 };

  const visit = (siblings: T[]): T[] => {
    const local: Partial<Record<ClauseKind, number>> = {};
    return siblings.map((node) => {
      let number: number | null = node.number;
      switch (node.kind) {
        case 'part':
          number = ++counters.part;
          break;
        case 'section':
        case 'subitem':
          number = (local[node.kind] = (local[node.kind] ?? 0) + 1);
          break;
        case 'item':
          number = items === 'continuous' ? ++counters.item : (local.item = (local.item ?? 0) + 1);
          break;
        case 'annex':
          counters.annex++;
          number = annexes > 1 || node.number !== null ? counters.annex : null;
          break;
      }
      const label = node.kind === 'paragraph' || node.kind === 'table' ? node.label : formatLabel(node.kind, number);
      return { ...node, number, label, children: visit(node.children) };
    });
  };
  return visit(tree);
}

function countKind<T extends NumberedNode<T>>(tree: T[], kind: ClauseKind): number {
  let n = 0;
  const walk = (nodes: T[]) => {
    for (const c of nodes) {
      if (c.kind === kind) n++;
      walk(c.children);
    }
  };
  walk(tree);
  return n;
}
