import type { ItemKind } from '@zq/feedback';
import { locate } from './apply-proposals';

export interface ConflictCandidate {
  id: string;
  kind: ItemKind;
  quote: string;
  proposedText: string;
}

/**
 * Items on one clause whose quoted spans overlap but whose proposals differ (a deletion of the
 * whole clause overlaps everything). Returns groups of item ids, each group one conflict.
 */
export function findConflicts(clause: { heading: string; text: string }, items: ConflictCandidate[]): string[][] {
  type Span = { id: string; field: 'text' | 'heading' | '*'; start: number; end: number; proposal: string };
  const spans: Span[] = [];
  for (const item of items) {
    if (item.kind === 'other') continue;
    const proposal = `${item.kind}:${item.kind === 'delete' ? '' : item.proposedText.trim()}`;
    if (item.kind === 'delete' && !item.quote.trim()) {
      spans.push({ id: item.id, field: '*', start: 0, end: Number.MAX_SAFE_INTEGER, proposal });
      continue;
    }
    if (!item.quote.trim()) continue;
    const at = locate(clause, item.quote);
    if (typeof at === 'object') spans.push({ id: item.id, ...at, proposal });
  }
  const parent = new Map(spans.map((s) => [s.id, s.id]));
  const find = (id: string): string => (parent.get(id) === id ? id : find(parent.get(id)!));
  const conflicting = new Set<string>();
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length; j++) {
      const a = spans[i];
      const b = spans[j];
      const overlap = (a.field === '*' || b.field === '*' || a.field === b.field) && a.start < b.end && b.start < a.end;
      if (overlap && a.proposal !== b.proposal) {
        parent.set(find(a.id), find(b.id));
        conflicting.add(a.id).add(b.id);
      }
    }
  }
  const groups = new Map<string, string[]>();
  for (const s of spans) if (conflicting.has(s.id)) groups.set(find(s.id), [...(groups.get(find(s.id)) ?? []), s.id]);
  return [...groups.values()];
}
