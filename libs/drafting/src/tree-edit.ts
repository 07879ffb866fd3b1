import { DraftingErrors } from './errors';
import type { ClauseKind, ItemNumbering, ResponsibleUnit } from './clause-tree';
import { CLAUSE_KINDS } from './clause-tree';
import { renumber } from './diff/renumber';
import { fitsUnder, isNumberedKind, KIND_NAME, kindBelow, misplaced, where } from './tree-check';

/** A clause as the office corrects it: a stored clause (key = its id) or a preview's (key = its path). */
export interface EditableNode {
  key: string;
  kind: ClauseKind;
  label: string;
  number: number | null;
  heading: string;
  text: string;
  responsibleUnits: ResponsibleUnit[];
  responsibilityRaw?: string | null;
  table?: { rows: string[][] } | null;
  children: EditableNode[];
  /** stored clauses keep their lineage key; a split-off part gets none (a new clause) */
  lineageKey?: string;
}

/** One correction of the parsed tree. */
export type TreeOperation =
  | { op: 'set_kind'; key: string; kind: ClauseKind }
  | { op: 'promote'; key: string }
  | { op: 'demote'; key: string }
  | { op: 'split'; key: string; offset: number; field?: 'text' | 'heading' }
  | { op: 'merge_previous'; key: string }
  | { op: 'edit'; key: string; heading?: string; text?: string }
  | { op: 'move_note'; key: string; to: string }
  | { op: 'set_lead'; key: string; unit: string | null };

export const TREE_OPERATIONS = ['set_kind', 'promote', 'demote', 'split', 'merge_previous', 'edit', 'move_note', 'set_lead'] as const;
export const MAX_TREE_OPERATIONS = 200;

interface Place {
  node: EditableNode;
  parent: EditableNode | null;
  siblings: EditableNode[];
  index: number;
}

function locate(roots: EditableNode[], key: string, n: number): Place {
  const walk = (siblings: EditableNode[], parent: EditableNode | null): Place | null => {
    for (let index = 0; index < siblings.length; index++) {
      const node = siblings[index];
      if (node.key === key) return { node, parent, siblings, index };
      const found = walk(node.children, node);
      if (found) return found;
    }
    return null;
  };
  const place = walk(roots, null);
  if (!place) throw DraftingErrors.treeEditClauseNotFound(n, { key });
  return place;
}

/** The clauses above `node`, from the top. */
function ancestors(roots: EditableNode[], node: EditableNode): EditableNode[] {
  const walk = (nodes: EditableNode[], chain: EditableNode[]): EditableNode[] | null => {
    for (const n of nodes) {
      if (n === node) return chain;
      const found = walk(n.children, [...chain, n]);
      if (found) return found;
    }
    return null;
  };
  return walk(roots, []) ?? [];
}

const retype = (node: EditableNode, kind: ClauseKind, style = '') => {
  if (node.kind === kind) return;
  node.kind = kind;
  // renumbering takes the label's style: an article's 项 are printed （一）
  node.label = style;
  node.number = isNumberedKind(kind) ? (node.number ?? 0) : null;
};

/**
 * After a clause moved a level: it (and what it holds) takes the kind its new place needs, as an
 * outline does — 一、 demoted under 一、 becomes （一）, its （一） become 1.; 第三条 demoted under
 * 第二条 becomes its （一）.
 */
function conform(node: EditableNode, parent: EditableNode | null, numbered: ClauseKind | null, regulation: boolean): void {
  if (numbered !== null && isNumberedKind(node.kind) && !fitsUnder(node.kind, parent?.kind ?? null, numbered)) {
    const kind = kindBelow(numbered, regulation);
    retype(node, kind, kind === 'item' && numbered === 'article' ? '（一）' : '');
  }
  const below = isNumberedKind(node.kind) ? node.kind : numbered;
  for (const child of node.children) conform(child, node, below, regulation);
}

function conformAt(roots: EditableNode[], node: EditableNode, regulation: boolean): void {
  const chain = ancestors(roots, node);
  const numbered = [...chain].reverse().find((a) => isNumberedKind(a.kind))?.kind ?? null;
  conform(node, chain[chain.length - 1] ?? null, numbered, regulation);
}

/**
 * Applies the office's corrections in order, then renumbers the tree (labels in the style each
 * clause was printed in). Every operation is checked against the tree as it stands at that point;
 * the first that cannot apply stops them all with a TREE_EDIT_* error naming it. New clauses (from a
 * split) come back with `key` '' and no lineage key.
 */
export function applyTreeOperations(tree: EditableNode[], ops: TreeOperation[], numbering: ItemNumbering): EditableNode[] {
  if (ops.length === 0) throw DraftingErrors.treeEditEmpty();
  if (ops.length > MAX_TREE_OPERATIONS) throw DraftingErrors.treeEditTooMany(MAX_TREE_OPERATIONS, { count: ops.length });
  const clone = (n: EditableNode): EditableNode => ({ ...n, responsibleUnits: n.responsibleUnits.map((u) => ({ ...u })), children: n.children.map(clone) });
  const roots = tree.map(clone);
  let fresh = 0;
  // a stored tree that already breaks the nesting rules (an older import) can still be corrected
  const wasWellNested = misplaced(roots) === null;
  const hasRegulationKinds = (nodes: EditableNode[]): boolean => nodes.some((n) => n.kind === 'chapter' || n.kind === 'article' || hasRegulationKinds(n.children));
  const regulation = hasRegulationKinds(roots);

  ops.forEach((o, n) => {
    if (!o || typeof o !== 'object' || !TREE_OPERATIONS.includes(o.op)) throw DraftingErrors.treeEditUnknownOperation(n, { op: (o as { op?: unknown })?.op });
    const place = locate(roots, o.key, n);
    const { node } = place;
    switch (o.op) {
      case 'set_kind': {
        if (!CLAUSE_KINDS.includes(o.kind)) throw DraftingErrors.treeEditBadKind(n, String(o.kind));
        if ((o.kind === 'table') !== (node.kind === 'table')) throw DraftingErrors.treeEditTableKind(n);
        node.kind = o.kind;
        // a paragraph has no number; a numbered kind gets one when renumbered
        if (o.kind === 'paragraph') {
          node.label = '';
          node.number = null;
        } else if (node.number === null && o.kind !== 'annex') {
          node.number = 0;
          node.label = '';
        } else {
          node.label = '';
        }
        break;
      }
      case 'promote': {
        if (!place.parent) throw DraftingErrors.treeEditCannotPromote(n);
        const parentPlace = locate(roots, place.parent.key, n);
        // the clauses after it under the same parent become its children, as an outline does
        const after = place.siblings.splice(place.index);
        after.shift();
        node.children.push(...after);
        parentPlace.siblings.splice(parentPlace.index + 1, 0, node);
        // lifted beside its parent, it is of its parent's kind (1. out of （一） becomes （二）)
        if (isNumberedKind(place.parent.kind) && isNumberedKind(node.kind)) retype(node, place.parent.kind);
        conformAt(roots, node, regulation);
        break;
      }
      case 'demote': {
        if (place.index === 0) throw DraftingErrors.treeEditCannotDemote(n);
        const previous = place.siblings[place.index - 1];
        if (previous.kind === 'table') throw DraftingErrors.treeEditDemoteUnderTable(n);
        place.siblings.splice(place.index, 1);
        previous.children.push(node);
        conformAt(roots, node, regulation);
        break;
      }
      case 'split': {
        const field = o.field ?? 'text';
        const value = node[field];
        if (node.kind === 'table') throw DraftingErrors.treeEditCannotSplit(n);
        if (!Number.isInteger(o.offset) || o.offset <= 0 || o.offset >= value.length) throw DraftingErrors.treeEditBadOffset(n, Math.max(1, value.length - 1), { length: value.length });
        const rest = value.slice(o.offset).replace(/^\s+/, '');
        node[field] = value.slice(0, o.offset).replace(/\s+$/, '');
        const created: EditableNode = {
          key: `new:${++fresh}`,
          kind: field === 'heading' ? 'paragraph' : node.kind,
          label: '',
          number: node.number === null ? null : 0,
          heading: '',
          text: field === 'heading' ? [rest, node.text].filter(Boolean).join('') : rest,
          responsibleUnits: [],
          responsibilityRaw: null,
          table: null,
          children: [],
        };
        if (field === 'heading') {
          node.text = '';
          created.kind = 'paragraph';
          created.number = null;
          node.children.unshift(created);
        } else {
          // the note and the children stay with the part that keeps them: the second part takes both
          created.responsibleUnits = node.responsibleUnits;
          created.responsibilityRaw = node.responsibilityRaw ?? null;
          created.children = node.children;
          node.responsibleUnits = [];
          node.responsibilityRaw = null;
          node.children = [];
          place.siblings.splice(place.index + 1, 0, created);
        }
        break;
      }
      case 'merge_previous': {
        if (place.index === 0) throw DraftingErrors.treeEditCannotMerge(n);
        const previous = place.siblings[place.index - 1];
        if (previous.kind === 'table' || node.kind === 'table') throw DraftingErrors.treeEditMergeTable(n);
        const own = [node.heading, node.text].filter(Boolean).join('。');
        previous.text = [previous.text, own].filter(Boolean).join('');
        if (node.responsibleUnits.length || node.responsibilityRaw) {
          previous.responsibleUnits = [...previous.responsibleUnits, ...node.responsibleUnits];
          previous.responsibilityRaw = [previous.responsibilityRaw, node.responsibilityRaw].filter(Boolean).join('') || null;
        }
        previous.children.push(...node.children);
        place.siblings.splice(place.index, 1);
        break;
      }
      case 'edit': {
        if (o.heading === undefined && o.text === undefined) throw DraftingErrors.treeEditNothingToEdit(n);
        for (const [field, value] of [['heading', o.heading], ['text', o.text]] as const) {
          if (value === undefined) continue;
          if (typeof value !== 'string' || value.length > 100_000) throw DraftingErrors.treeEditBadText(n);
          node[field] = value.trim();
        }
        break;
      }
      case 'move_note': {
        const target = locate(roots, o.to, n).node;
        if (target === node) throw DraftingErrors.treeEditSameClause(n);
        if (!node.responsibleUnits.length && !node.responsibilityRaw) throw DraftingErrors.treeEditNoNote(n);
        if (target.responsibleUnits.length || target.responsibilityRaw) throw DraftingErrors.treeEditTargetHasNote(n);
        target.responsibleUnits = node.responsibleUnits;
        target.responsibilityRaw = node.responsibilityRaw ?? null;
        node.responsibleUnits = [];
        node.responsibilityRaw = null;
        break;
      }
      case 'set_lead': {
        if (o.unit !== null && !node.responsibleUnits.some((u) => u.name === o.unit)) throw DraftingErrors.treeEditUnitNotListed(n, String(o.unit));
        node.responsibleUnits = node.responsibleUnits.map((u) => ({ ...u, isLead: u.name === o.unit }));
        break;
      }
    }
  });
  const wrong = wasWellNested ? misplaced(roots) : null;
  if (wrong) {
    const parent = wrong.parent === null ? '最上一级' : KIND_NAME[wrong.parent.kind === 'table' || wrong.node.kind === 'annex' || !wrong.numbered ? wrong.parent.kind : wrong.numbered];
    throw DraftingErrors.treeBadNesting(where(wrong.node, wrong.node.key), KIND_NAME[wrong.node.kind], parent, { key: wrong.node.key });
  }
  return renumber(roots, numbering);
}
