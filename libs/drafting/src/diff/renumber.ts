import type { ClauseKind, ItemNumbering } from '../clause-tree';
import { relabel } from '../importer/numerals';

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
  const counters = { part: 0, item: 0, annex: 0, chapter: 0, article: 0 };

  const visit = (siblings: T[], parent: T | null): T[] => {
    const local: Partial<Record<ClauseKind, number>> = {};
    // a clause added without a label takes its siblings' style: （一） among an article's 项, 第一节 in a chapter
    const style = (kind: ClauseKind) => siblings.find((s) => s.kind === kind && s.label && s.label !== '?')?.label ?? '';
    return siblings.map((node) => {
      let number: number | null = node.number;
      switch (node.kind) {
        case 'part':
          // a bulletin's part headed by a bare title line has no number, and gets none
          if (node.number !== null || node.label) number = ++counters.part;
          break;
        case 'chapter':
        case 'article':
          // 第一条 … 第一百二十三条 run through the whole text, across chapters and sections
          number = ++counters[node.kind];
          break;
        case 'section':
        case 'subitem':
          number = (local[node.kind] = (local[node.kind] ?? 0) + 1);
          break;
        case 'item':
          number = items === 'continuous' && parent?.kind !== 'article' ? ++counters.item : (local.item = (local.item ?? 0) + 1);
          break;
        case 'annex':
          counters.annex++;
          number = annexes > 1 || node.number !== null ? counters.annex : null;
          break;
      }
      const label = node.kind === 'paragraph' || node.kind === 'table' || number === null && node.kind === 'part' ? node.label : relabel(node.kind, node.label || style(node.kind), number);
      return { ...node, number, label, children: visit(node.children, node) };
    });
  };
  return visit(tree, null);
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
