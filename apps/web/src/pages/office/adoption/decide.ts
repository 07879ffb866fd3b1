import { api } from '../../../api/client';
import type { Decision, FeedbackItemView } from '../../../api/types';

/** Which comments a decision is for: some, or every one still undecided. */
export type DecisionTarget = FeedbackItemView[] | 'allUndecided';

export interface DecisionExtra {
  reason?: string;
  editedText?: string;
  carryOver?: boolean;
}

/** Records a decision: one comment by its own resource, several (or all undecided) in one request. */
export async function decide(roundId: string, items: DecisionTarget, decision: Decision, extra: DecisionExtra = {}): Promise<void> {
  const body = { decision, ...extra };
  if (items !== 'allUndecided' && items.length === 1) await api.put(`/rounds/${roundId}/items/${items[0].id}/disposition`, body);
  else await api.post(`/rounds/${roundId}/dispositions`, items === 'allUndecided' ? { ...body, allUndecided: true } : { ...body, itemIds: items.map((i) => i.id) });
}
