import type { ClauseKind, ItemNumbering, NodeToStore } from '@zq/drafting';
import { renumber } from '@zq/drafting/documents'; // only what a render thread needs (NextVersionService runs this module there)
import type { ItemKind } from '@zq/feedback';
import { randomUUID } from 'node:crypto';

/** A clause of the version the round consulted on, as the next version will store it (lineage kept). */
export interface ProposalNode extends NodeToStore {
  lineageKey: string;
  children: ProposalNode[];
}

/** An adopted item, as it is to be applied. */
export interface Proposal {
  itemId: string;
  /** the clause's lineage key; null for a general comment */
  lineageKey: string | null;
  kind: ItemKind;
  quote: string;
  /** the office's edited wording when given, else the unit's proposed text */
  text: string;
  /** false: partially adopted without an edited wording, so only a person can apply it */
  automatic: boolean;
}

export type ManualReason =
  | 'general_comment'
  | 'clause_not_found'
  | 'no_text_to_apply'
  | 'partial_without_text'
  | 'quote_missing'
  | 'quote_not_found'
  | 'quote_ambiguous'
  | 'overlap'
  | 'conflicts_with_deletion'
  | 'clause_deleted'
  | 'deletion_with_wording';

export const MANUAL_REASON_LABELS: Record<ManualReason, string> = {
  general_comment: '总体意见，请在相关条款中人工体现',
  clause_not_found: '所针对的条款不在本版本中',
  no_text_to_apply: '意见未给出可直接采用的文字',
  partial_without_text: '部分采纳但未填写采纳后的文字',
  quote_missing: '未引用原文，无法确定修改位置',
  quote_not_found: '引用的原文在条款中找不到',
  quote_ambiguous: '引用的原文在条款中出现多次',
  overlap: '与其他采纳意见修改的文字重叠',
  conflicts_with_deletion: '该条款同时有采纳删除整条的意见',
  clause_deleted: '所在的上级条款已被删除',
  deletion_with_wording: '删除整条的意见附有采纳后的表述，请人工修改该条',
};

export const SEVERAL_REASONS_LABEL = '多条意见需人工处理（见明细）';

/** What one proposal (one or more identical items) did, inside a clause's change. */
export interface ChangeEdit {
  itemIds: string[];
  kind: ItemKind;
  /** the span replaced (applied), or the quote (manual) */
  before: string;
  /** what replaced it (applied), or the proposed text (manual) */
  after: string;
  /** why a person must apply it */
  reason?: ManualReason;
}

/**
 * One change of the next version, per clause: its applied edits together (status applied), its
 * proposals that need a person (status needs_manual_edit), an added clause, a deleted clause, or a
 * general comment. itemIds are the items behind it; edits say which item did what.
 */
export interface PlannedChange {
  /** the clause the items were about (null: general comment) */
  lineageKey: string | null;
  /** a clause the change added */
  addedLineageKey: string | null;
  /** modify: the clause text was edited; delete: the clause removed; add: a clause added; other: nothing applied */
  kind: 'modify' | 'delete' | 'add' | 'other';
  status: 'applied' | 'needs_manual_edit';
  /** the reason shared by all its edits, or 'several' */
  manualReason: ManualReason | 'several' | null;
  /** the clause as it was ('' for an added clause) */
  beforeText: string;
  /** the clause as the next version has it ('' when deleted) */
  afterText: string;
  itemIds: string[];
  edits: ChangeEdit[];
}

interface Group {
  lineageKey: string | null;
  kind: ItemKind;
  quote: string;
  text: string;
  automatic: boolean;
  itemIds: string[];
}

interface Located {
  group: Group;
  field: 'text' | 'heading';
  start: number;
  end: number;
  replacement: string;
}

interface Place {
  node: ProposalNode;
  parent: ProposalNode | null;
  siblings: ProposalNode[];
}

const CONTAINER_KINDS: ClauseKind[] = ['part', 'section', 'annex'];
const SEPARATORS = '，、；';
const squeeze = (s: string) => s.replace(/[\s\u3000]+/gu, '');

/**
 * Applies the adopted proposals to a copy of the version's clause tree:
 * - modify: the quoted span is replaced by the text, when it is found exactly once (in the clause's
 *   text, else its heading) and no other applied proposal touches an overlapping span;
 * - delete: the span is removed (with one separator so no "，，" is left); an empty quote, or one
 *   that is the whole clause, removes the clause and its sub-clauses;
 * - add with an empty quote: a new clause — after the clause (same kind), or, when the clause has
 *   sub-clauses (a part or section), as its last sub-clause; add with a quote: the text is inserted
 *   right after the quoted span;
 * - anything else (general comments, 其他, partial adoptions without wording, spans not found, found
 *   twice or overlapping) is recorded as needing a manual edit and leaves the text as it was.
 * Identical proposals of several units make one change. Numbering is recomputed; lineage kept.
 */
export function applyProposals(
  tree: ProposalNode[],
  proposals: Proposal[],
  opts: { numbering: ItemNumbering; newKey?: () => string },
): { tree: ProposalNode[]; changes: PlannedChange[] } {
  const newKey = opts.newKey ?? randomUUID;
  const clone = (n: ProposalNode): ProposalNode => ({ ...n, children: n.children.map(clone) });
  const roots = tree.map(clone);
  const places = new Map<string, Place>();
  const index = (siblings: ProposalNode[], parent: ProposalNode | null) =>
    siblings.forEach((node) => {
      places.set(node.lineageKey, { node, parent, siblings });
      index(node.children, node);
    });
  index(roots, null);

  const manualOf = new Map<string | null, { lineageKey: string | null; edits: ChangeEdit[] }>();
  const general: ChangeEdit[] = [];
  const manual = (g: Group, reason: ManualReason) => {
    const edit: ChangeEdit = { itemIds: g.itemIds, kind: g.kind, before: g.quote, after: g.text, reason };
    if (g.lineageKey === null || !places.has(g.lineageKey)) return general.push(edit);
    const entry = manualOf.get(g.lineageKey) ?? { lineageKey: g.lineageKey, edits: [] };
    entry.edits.push(edit);
    manualOf.set(g.lineageKey, entry);
  };

  const byClause = new Map<string, Group[]>();
  for (const g of groupProposals(proposals)) {
    if (g.lineageKey === null) manual(g, 'general_comment');
    else if (!places.has(g.lineageKey)) manual(g, 'clause_not_found');
    else if (!g.automatic) manual(g, 'partial_without_text');
    else if (g.kind === 'other') manual(g, 'no_text_to_apply');
    else if (g.kind === 'modify' && !g.quote.trim()) manual(g, 'quote_missing');
    else if (g.kind !== 'delete' && !g.text.trim()) manual(g, 'no_text_to_apply');
    else if (g.kind === 'delete' && g.text.trim() && (!g.quote.trim() || isWholeDeletion(g, places.get(g.lineageKey)!.node))) {
      // a deletion adopted with the office's own wording for the whole clause: a person rewrites it
      manual(g, 'deletion_with_wording');
    } else {
      // a deleted span adopted with the office's own wording (部分采纳) takes that wording, not a blank
      const group: Group = g.kind === 'delete' && g.text.trim() ? { ...g, kind: 'modify' } : g;
      const list = byClause.get(g.lineageKey);
      if (list) list.push(group);
      else byClause.set(g.lineageKey, [group]);
    }
  }

  const before = new Map<string, string>();
  const deleted = new Map<string, ChangeEdit[]>();
  const edited = new Map<string, ChangeEdit[]>();
  const additions: { anchor: string; group: Group }[] = [];
  for (const [key, groups] of byClause) {
    const node = places.get(key)!.node;
    before.set(key, wholeText(node));
    const wholeDeletes = groups.filter((g) => isWholeDeletion(g, node));
    const adds = groups.filter((g) => g.kind === 'add' && !g.quote.trim());
    const spans = groups.filter((g) => !wholeDeletes.includes(g) && !adds.includes(g));
    additions.push(...adds.map((group) => ({ anchor: key, group })));
    if (wholeDeletes.length && spans.length) {
      [...wholeDeletes, ...spans].forEach((g) => manual(g, 'conflicts_with_deletion'));
      continue;
    }
    if (wholeDeletes.length) {
      deleted.set(key, wholeDeletes.map((g) => ({ itemIds: g.itemIds, kind: g.kind, before: wholeText(node), after: '' })));
      continue;
    }
    const located: Located[] = [];
    for (const g of spans) {
      const at = locate(node, g.quote);
      if (at === 'not_found' || at === 'ambiguous') manual(g, at === 'not_found' ? 'quote_not_found' : 'quote_ambiguous');
      else located.push({ group: g, ...at, replacement: g.kind === 'delete' ? '' : g.kind === 'add' ? node[at.field].slice(at.start, at.end) + g.text : g.text });
    }
    // sorted by start, a span can only overlap those after it that start before it ends
    located.sort((a, b) => (a.field === b.field ? a.start - b.start : a.field < b.field ? -1 : 1));
    const overlapping = new Set<Located>();
    for (let i = 0; i < located.length; i++) {
      for (let j = i + 1; j < located.length && located[j].field === located[i].field && located[j].start < located[i].end; j++) {
        overlapping.add(located[i]).add(located[j]);
      }
    }
    for (const l of located) if (overlapping.has(l)) manual(l.group, 'overlap');
    const ok = located.filter((l) => !overlapping.has(l));
    const edits: ChangeEdit[] = [];
    for (const field of ['heading', 'text'] as const) {
      const spans = ok.filter((l) => l.field === field);
      if (!spans.length) continue;
      // one pass left to right over the original text: no quadratic re-slicing of long clauses
      const source = node[field];
      const parts: string[] = [];
      let cursor = 0;
      spans.forEach((l, i) => {
        let { start, end } = l;
        if (l.replacement === '') {
          const tidy = tidyDeletion(source, start, end);
          // never eat a separator the neighbouring applied span covers
          const clash = (tidy.start < start && i > 0 && spans[i - 1].end > tidy.start) || (tidy.end > end && i + 1 < spans.length && spans[i + 1].start < tidy.end);
          if (!clash) ({ start, end } = tidy);
        }
        parts.push(source.slice(cursor, start), l.replacement);
        cursor = end;
        edits.push({ itemIds: l.group.itemIds, kind: l.group.kind, before: source.slice(start, end), after: l.replacement });
      });
      parts.push(source.slice(cursor));
      node[field] = parts.join('');
    }
    if (edits.length) edited.set(key, edits);
  }

  const added: PlannedChange[] = [];
  const insertedAfter = new Map<string, number>();
  for (const { anchor, group } of additions) {
    const place = places.get(anchor)!;
    const asChild = place.node.children.length > 0 || CONTAINER_KINDS.includes(place.node.kind);
    if (asChild && deleted.has(anchor)) {
      manual(group, 'clause_deleted');
      continue;
    }
    const model = asChild ? place.node.children[place.node.children.length - 1] : place.node;
    const kind: ClauseKind = model ? (model.kind === 'table' ? 'paragraph' : model.kind) : childKindOf(place.node.kind);
    const clause = newClause(kind, group.text, model, newKey());
    if (asChild) place.node.children.push(clause);
    else {
      const n = (insertedAfter.get(anchor) ?? 0) + 1;
      insertedAfter.set(anchor, n);
      place.siblings.splice(place.siblings.indexOf(place.node) + n, 0, clause);
    }
    added.push({
      lineageKey: anchor,
      addedLineageKey: clause.lineageKey,
      kind: 'add',
      status: 'applied',
      manualReason: null,
      beforeText: '',
      afterText: wholeText(clause),
      itemIds: group.itemIds,
      edits: [{ itemIds: group.itemIds, kind: 'add', before: '', after: group.text }],
    });
  }

  // an edit inside a clause whose ancestor is deleted did not survive
  const underDeleted = (key: string) => {
    for (let p = places.get(key)?.parent; p; p = places.get(p.lineageKey)?.parent) if (deleted.has(p.lineageKey)) return true;
    return false;
  };
  for (const [key, edits] of [...edited, ...deleted]) {
    if (!underDeleted(key)) continue;
    edited.delete(key);
    deleted.delete(key);
    for (const e of edits) manual({ lineageKey: key, kind: e.kind, quote: e.before, text: e.after, automatic: true, itemIds: e.itemIds }, 'clause_deleted');
  }

  // one change per clause and status, in document order
  const changes: PlannedChange[] = [];
  const ids = (edits: ChangeEdit[]) => edits.flatMap((e) => e.itemIds);
  if (general.length) {
    for (const e of general) {
      changes.push({ lineageKey: null, addedLineageKey: null, kind: 'other', status: 'needs_manual_edit', manualReason: e.reason!, beforeText: e.before, afterText: e.after, itemIds: e.itemIds, edits: [e] });
    }
  }
  const addedAfter = new Map<string, PlannedChange[]>();
  for (const a of added) addedAfter.set(a.lineageKey!, [...(addedAfter.get(a.lineageKey!) ?? []), a]);
  for (const key of places.keys()) {
    const node = places.get(key)!.node;
    const del = deleted.get(key);
    if (del) changes.push({ lineageKey: key, addedLineageKey: null, kind: 'delete', status: 'applied', manualReason: null, beforeText: before.get(key)!, afterText: '', itemIds: ids(del), edits: del });
    const ed = edited.get(key);
    if (ed) changes.push({ lineageKey: key, addedLineageKey: null, kind: 'modify', status: 'applied', manualReason: null, beforeText: before.get(key)!, afterText: wholeText(node), itemIds: ids(ed), edits: ed });
    const man = manualOf.get(key);
    if (man) {
      const reasons = new Set(man.edits.map((e) => e.reason!));
      changes.push({
        lineageKey: key,
        addedLineageKey: null,
        kind: 'other',
        status: 'needs_manual_edit',
        manualReason: reasons.size === 1 ? [...reasons][0] : 'several',
        beforeText: before.get(key) ?? wholeText(node),
        afterText: deleted.has(key) ? '' : wholeText(node),
        itemIds: ids(man.edits),
        edits: man.edits,
      });
    }
    changes.push(...(addedAfter.get(key) ?? []));
  }
  const prune = (nodes: ProposalNode[]): ProposalNode[] => nodes.filter((n) => !deleted.has(n.lineageKey)).map((n) => ({ ...n, children: prune(n.children) }));
  return { tree: renumber(prune(roots), opts.numbering), changes };
}

function groupProposals(proposals: Proposal[]): Group[] {
  const groups = new Map<string, Group>();
  for (const p of proposals) {
    const key = `${p.lineageKey}\u0000${p.kind}\u0000${p.quote.trim()}\u0000${p.text.trim()}\u0000${p.automatic}`;
    const g = groups.get(key);
    if (g) g.itemIds.push(p.itemId);
    else groups.set(key, { lineageKey: p.lineageKey, kind: p.kind, quote: p.quote, text: p.text.trim(), automatic: p.automatic, itemIds: [p.itemId] });
  }
  return [...groups.values()];
}

function wholeText(node: ProposalNode): string {
  return node.heading && node.text ? `${node.heading}。${node.text}` : node.heading || node.text;
}

function isWholeDeletion(g: Group, node: ProposalNode): boolean {
  if (g.kind !== 'delete') return false;
  const q = squeeze(g.quote);
  if (!q) return true;
  const whole = [node.text, node.heading + node.text, `${node.heading}。${node.text}`, node.label + node.heading + node.text, `${node.label}${node.heading}。${node.text}`];
  return whole.some((w) => squeeze(w) === q) || (!node.text && squeeze(node.heading) === q);
}

/** The quote's only place in the clause: its text first, else its heading. */
export function locate(node: { heading: string; text: string }, quote: string): { field: 'text' | 'heading'; start: number; end: number } | 'not_found' | 'ambiguous' {
  for (const q of quote === quote.trim() ? [quote] : [quote, quote.trim()]) {
    if (!q) continue;
    for (const field of ['text', 'heading'] as const) {
      const s = node[field];
      const i = s.indexOf(q);
      if (i < 0) continue;
      return s.indexOf(q, i + 1) >= 0 ? 'ambiguous' : { field, start: i, end: i + q.length };
    }
  }
  return 'not_found';
}

/**
 * Removing a span takes one separator along, so no "，，" or "、改造" is left:
 * "甲、乙、丙改造" − 丙 = "甲、乙改造"; "甲，乙，丙" − 乙 = "甲，丙"; "甲、乙" − 甲 = "乙".
 */
function tidyDeletion(s: string, start: number, end: number): { start: number; end: number } {
  const before = s[start - 1];
  const after = s[end];
  const separator = (c: string | undefined) => c !== undefined && SEPARATORS.includes(c);
  if (before === '、' || (separator(before) && (after === undefined || separator(after) || after === '。'))) return { start: start - 1, end };
  if (separator(after) && !separator(before)) return { start, end: end + 1 };
  return { start, end };
}

function childKindOf(kind: ClauseKind): ClauseKind {
  // a chapter holds articles; an article's next level is its 款 (paragraphs)
  if (kind === 'chapter') return 'article';
  return kind === 'part' ? 'section' : kind === 'section' ? 'item' : kind === 'item' ? 'subitem' : 'paragraph';
}

/** A new clause shaped like its neighbour: "标题。正文" splits into heading and text when the neighbour has both. */
function newClause(kind: ClauseKind, proposal: string, model: ProposalNode | undefined, lineageKey: string): ProposalNode {
  let heading = '';
  let text = proposal;
  if (kind === 'part' || kind === 'section' || kind === 'annex' || kind === 'chapter') {
    heading = proposal.replace(/。$/, '');
    text = '';
  } else if (model?.heading) {
    const m = /^([^。；]{2,40})。([\s\S]+)$/.exec(proposal);
    if (m) [heading, text] = [m[1], m[2]];
  }
  return { lineageKey, kind, label: '', number: null, heading, text, responsibleUnits: [], responsibilityRaw: null, table: null, children: [] };
}
