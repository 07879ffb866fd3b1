import { diffWords } from 'diff';
import { DraftingErrors } from '../errors';
import type { ClauseKind } from '../clause-tree';

/** One clause of a version, flat, as the diff compares them. */
export interface DiffClause {
  /** the same key for "the same clause" across versions (条款沿革) */
  lineageKey: string;
  /** lineageKey of the parent clause; null at the top level */
  parentKey: string | null;
  /** order among its siblings */
  position: number;
  kind: ClauseKind;
  label: string;
  heading: string;
  text: string;
  /** 责任单位 names in order; a change counts as a change of the clause */
  units?: string[];
}

export type ClauseChangeStatus = 'added' | 'deleted' | 'changed' | 'moved' | 'unchanged';

export interface RedlineSegment {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface ClauseChange {
  lineageKey: string;
  /** added / deleted; else changed (heading, text or units); else moved; else unchanged */
  status: ClauseChangeStatus;
  /** under another parent, or out of order among the siblings both versions share */
  moved: boolean;
  headingChanged: boolean;
  textChanged: boolean;
  unitsChanged: boolean;
  /** only the number changed (renumbering after an insertion is not an edit) */
  relabelled: boolean;
  before?: DiffClause;
  after?: DiffClause;
  /** word-level redline of the text (all insert for an added clause, all delete for a deleted one) */
  redline?: RedlineSegment[];
  headingRedline?: RedlineSegment[];
}

export interface VersionDiff {
  /** in the new version's reading order, each deleted clause after the clause it used to follow */
  changes: ClauseChange[];
  counts: Record<ClauseChangeStatus, number>;
}

let segmenter: Intl.Segmenter | undefined;

/** Chinese word-level redline: "[-加强][+加快]城镇…". */
export function redline(before: string, after: string): RedlineSegment[] {
  if (before === after) return before ? [{ op: 'equal', text: before }] : [];
  if (!before) return [{ op: 'insert', text: after }];
  if (!after) return [{ op: 'delete', text: before }];
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const segments: RedlineSegment[] = [];
  for (const c of diffWords(before, after, { intlSegmenter: segmenter })) {
    const op = c.added ? 'insert' : c.removed ? 'delete' : 'equal';
    const last = segments[segments.length - 1];
    if (last && last.op === op) last.text += c.value;
    else if (c.value) segments.push({ op, text: c.value });
  }
  return segments;
}

/** Compares two versions clause by clause, matching clauses by lineageKey. */
export function diffVersions(a: DiffClause[], b: DiffClause[]): VersionDiff {
  const before = byKey(a, '旧版本');
  const after = byKey(b, '新版本');
  const moved = movedKeys(a, b, before, after);
  const changes: ClauseChange[] = [];

  const describe = (key: string): ClauseChange => {
    const x = before.get(key);
    const y = after.get(key);
    if (!x || !y) {
      const only = (x ?? y)!;
      return {
        lineageKey: key,
        status: x ? 'deleted' : 'added',
        moved: false,
        headingChanged: false,
        textChanged: false,
        unitsChanged: false,
        relabelled: false,
        ...(x ? { before: x } : { after: y }),
        redline: x ? redline(only.text, '') : redline('', only.text),
        ...(only.heading ? { headingRedline: x ? redline(only.heading, '') : redline('', only.heading) } : {}),
      };
    }
    const headingChanged = x.heading !== y.heading;
    const textChanged = x.text !== y.text;
    const unitsChanged = (x.units ?? []).join('、') !== (y.units ?? []).join('、');
    const isMoved = moved.has(key);
    const changed = headingChanged || textChanged || unitsChanged;
    return {
      lineageKey: key,
      status: changed ? 'changed' : isMoved ? 'moved' : 'unchanged',
      moved: isMoved,
      headingChanged,
      textChanged,
      unitsChanged,
      relabelled: x.label !== y.label,
      before: x,
      after: y,
      ...(textChanged ? { redline: redline(x.text, y.text) } : {}),
      ...(headingChanged ? { headingRedline: redline(x.heading, y.heading) } : {}),
    };
  };

  // deleted clauses go after the surviving clause they followed in the old version
  const deletedAfter = new Map<string | null, string[]>();
  let survivor: string | null = null;
  for (const key of readingOrder(a)) {
    if (after.has(key)) survivor = key;
    else pushTo(deletedAfter, survivor, key);
  }
  for (const key of deletedAfter.get(null) ?? []) changes.push(describe(key));
  for (const key of readingOrder(b)) {
    changes.push(describe(key));
    for (const gone of deletedAfter.get(key) ?? []) changes.push(describe(gone));
  }

  const counts: Record<ClauseChangeStatus, number> = { added: 0, deleted: 0, changed: 0, moved: 0, unchanged: 0 };
  for (const c of changes) counts[c.status]++;
  return { changes, counts };
}

function byKey(clauses: DiffClause[], which: string): Map<string, DiffClause> {
  const map = new Map<string, DiffClause>();
  for (const c of clauses) {
    if (map.has(c.lineageKey)) {
      throw DraftingErrors.diffDuplicateLineageKey(which, c.lineageKey, {
        lineageKey: c.lineageKey,
      });
    }
    map.set(c.lineageKey, c);
  }
  return map;
}

/** Pre-order of a flat version; a clause whose parent is missing counts as top level. */
function readingOrder(clauses: DiffClause[]): string[] {
  const keys = new Set(clauses.map((c) => c.lineageKey));
  const children = new Map<string | null, DiffClause[]>();
  for (const c of clauses) {
    const parent = c.parentKey !== null && keys.has(c.parentKey) && c.parentKey !== c.lineageKey ? c.parentKey : null;
    pushTo(children, parent, c);
  }
  for (const list of children.values()) list.sort((x, y) => x.position - y.position);
  const order: string[] = [];
  const seen = new Set<string>();
  const stack = [...(children.get(null) ?? [])].reverse();
  while (stack.length) {
    const c = stack.pop()!;
    if (seen.has(c.lineageKey)) continue;
    seen.add(c.lineageKey);
    order.push(c.lineageKey);
    const kids = children.get(c.lineageKey) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  // clauses caught in a parent cycle are still reported, after the rest
  for (const c of clauses) if (!seen.has(c.lineageKey)) order.push(c.lineageKey);
  return order;
}

/**
 * A clause moved when its parent changed, or when it is out of order among the siblings both
 * versions share: those outside the longest run kept in order. An insertion before a clause
 * shifts its position but does not move it.
 */
function movedKeys(a: DiffClause[], b: DiffClause[], before: Map<string, DiffClause>, after: Map<string, DiffClause>): Set<string> {
  const moved = new Set<string>();
  const siblingsOf = (list: DiffClause[], other: Map<string, DiffClause>) => {
    const groups = new Map<string | null, DiffClause[]>();
    for (const c of list) {
      const o = other.get(c.lineageKey);
      if (!o) continue;
      if (o.parentKey !== c.parentKey) {
        moved.add(c.lineageKey);
        continue;
      }
      pushTo(groups, c.parentKey, c);
    }
    for (const g of groups.values()) g.sort((x, y) => x.position - y.position);
    return groups;
  };
  const oldGroups = siblingsOf(a, after);
  const newGroups = siblingsOf(b, before);
  for (const [parent, newer] of newGroups) {
    const oldIndex = new Map((oldGroups.get(parent) ?? []).map((c, i) => [c.lineageKey, i]));
    const kept = longestIncreasing(newer.map((c) => oldIndex.get(c.lineageKey) ?? -1));
    newer.forEach((c, i) => kept.has(i) || moved.add(c.lineageKey));
  }
  return moved;
}

/** Indexes of one longest strictly increasing subsequence (patience sorting, O(n log n)). */
function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array(values.length).fill(-1);
  values.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1];
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) kept.add(i);
  return kept;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A clause tree whose nodes carry their lineage key (a stored version, or a test's tree). */
export interface KeyedClause {
  lineageKey: string;
  kind: ClauseKind;
  label: string;
  heading: string;
  text: string;
  responsibleUnits?: { name: string }[];
  children: KeyedClause[];
}

/** Flattens a keyed tree into the rows diffVersions compares. */
export function flattenForDiff(tree: KeyedClause[]): DiffClause[] {
  const out: DiffClause[] = [];
  const walk = (nodes: KeyedClause[], parentKey: string | null) =>
    nodes.forEach((c, position) => {
      out.push({
        lineageKey: c.lineageKey,
        parentKey,
        position,
        kind: c.kind,
        label: c.label,
        heading: c.heading,
        text: c.text,
        units: (c.responsibleUnits ?? []).map((u) => u.name),
      });
      walk(c.children, c.lineageKey);
    });
  walk(tree, null);
  return out;
}
