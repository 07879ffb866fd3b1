import { invalidInput } from '@zq/common';
import type { ClauseKind, ItemNumbering, ResponsibleUnit } from './clause-tree';
import { CLAUSE_KINDS } from './clause-tree';
import { renumber } from './diff/renumber';

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
  if (!place) throw invalidInput('TREE_EDIT_CLAUSE_NOT_FOUND', `第${n + 1}项修改所指的条款不存在（可能已被合并），请刷新后重试`, { operation: n, key });
  return place;
}

const refuse = (n: number, code: string, message: string, details: Record<string, unknown> = {}) =>
  invalidInput(code, `第${n + 1}项修改无法执行：${message}`, { operation: n, ...details });

/**
 * Applies the office's corrections in order, then renumbers the tree (labels in the style each
 * clause was printed in). Every operation is checked against the tree as it stands at that point;
 * the first that cannot apply stops them all with a TREE_EDIT_* error naming it. New clauses (from a
 * split) come back with `key` '' and no lineage key.
 */
export function applyTreeOperations(tree: EditableNode[], ops: TreeOperation[], numbering: ItemNumbering): EditableNode[] {
  if (ops.length === 0) throw invalidInput('TREE_EDIT_EMPTY', '没有要执行的修改');
  if (ops.length > MAX_TREE_OPERATIONS) throw invalidInput('TREE_EDIT_TOO_MANY', `一次最多提交${MAX_TREE_OPERATIONS}项修改`, { count: ops.length });
  const clone = (n: EditableNode): EditableNode => ({ ...n, responsibleUnits: n.responsibleUnits.map((u) => ({ ...u })), children: n.children.map(clone) });
  const roots = tree.map(clone);
  let fresh = 0;

  ops.forEach((o, n) => {
    if (!o || typeof o !== 'object' || !TREE_OPERATIONS.includes(o.op)) throw refuse(n, 'TREE_EDIT_UNKNOWN_OPERATION', '不认识的修改类型', { op: (o as { op?: unknown })?.op });
    const place = locate(roots, o.key, n);
    const { node } = place;
    switch (o.op) {
      case 'set_kind': {
        if (!CLAUSE_KINDS.includes(o.kind)) throw refuse(n, 'TREE_EDIT_BAD_KIND', `条款类型“${String(o.kind)}”无效`);
        if ((o.kind === 'table') !== (node.kind === 'table')) throw refuse(n, 'TREE_EDIT_BAD_KIND', '表格与文字条款不能互相转换');
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
        if (!place.parent) throw refuse(n, 'TREE_EDIT_CANNOT_PROMOTE', '该条款已在最上一级');
        const parentPlace = locate(roots, place.parent.key, n);
        // the clauses after it under the same parent become its children, as an outline does
        const after = place.siblings.splice(place.index);
        after.shift();
        node.children.push(...after);
        parentPlace.siblings.splice(parentPlace.index + 1, 0, node);
        break;
      }
      case 'demote': {
        if (place.index === 0) throw refuse(n, 'TREE_EDIT_CANNOT_DEMOTE', '该条款前面没有同级条款，不能降级');
        const previous = place.siblings[place.index - 1];
        if (previous.kind === 'table') throw refuse(n, 'TREE_EDIT_CANNOT_DEMOTE', '不能放到表格之下');
        place.siblings.splice(place.index, 1);
        previous.children.push(node);
        break;
      }
      case 'split': {
        const field = o.field ?? 'text';
        const value = node[field];
        if (node.kind === 'table') throw refuse(n, 'TREE_EDIT_CANNOT_SPLIT', '表格不能拆分');
        if (!Number.isInteger(o.offset) || o.offset <= 0 || o.offset >= value.length) throw refuse(n, 'TREE_EDIT_BAD_OFFSET', `拆分位置应在1到${Math.max(1, value.length - 1)}之间`, { length: value.length });
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
        if (place.index === 0) throw refuse(n, 'TREE_EDIT_CANNOT_MERGE', '该条款前面没有同级条款，无法合并');
        const previous = place.siblings[place.index - 1];
        if (previous.kind === 'table' || node.kind === 'table') throw refuse(n, 'TREE_EDIT_CANNOT_MERGE', '表格不能与文字合并');
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
        if (o.heading === undefined && o.text === undefined) throw refuse(n, 'TREE_EDIT_NOTHING_TO_EDIT', '请给出新的标题或正文');
        for (const [field, value] of [['heading', o.heading], ['text', o.text]] as const) {
          if (value === undefined) continue;
          if (typeof value !== 'string' || value.length > 100_000) throw refuse(n, 'TREE_EDIT_BAD_TEXT', '标题或正文无效');
          node[field] = value.trim();
        }
        break;
      }
      case 'move_note': {
        const target = locate(roots, o.to, n).node;
        if (target === node) throw refuse(n, 'TREE_EDIT_SAME_CLAUSE', '责任单位已在该条款');
        if (!node.responsibleUnits.length && !node.responsibilityRaw) throw refuse(n, 'TREE_EDIT_NO_NOTE', '该条款没有责任单位说明');
        if (target.responsibleUnits.length || target.responsibilityRaw) throw refuse(n, 'TREE_EDIT_TARGET_HAS_NOTE', '目标条款已有责任单位说明，请先移走或合并');
        target.responsibleUnits = node.responsibleUnits;
        target.responsibilityRaw = node.responsibilityRaw ?? null;
        node.responsibleUnits = [];
        node.responsibilityRaw = null;
        break;
      }
      case 'set_lead': {
        if (o.unit !== null && !node.responsibleUnits.some((u) => u.name === o.unit)) throw refuse(n, 'TREE_EDIT_UNIT_NOT_LISTED', `“${String(o.unit)}”不在该条款的责任单位中`);
        node.responsibleUnits = node.responsibleUnits.map((u) => ({ ...u, isLead: u.name === o.unit }));
        break;
      }
    }
  });
  return renumber(roots, numbering);
}
