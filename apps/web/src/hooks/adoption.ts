import { api } from '../api/client';
import type { AdoptionTable, Decision, NextVersion, RoundFeedback, VersionDiff } from '../api/types';
import { useLoad } from './useLoad';

export type DecisionFilter = Decision | 'undecided' | 'all';

/** The round's comments grouped by clause, filtered by decision and unit. */
export const useRoundFeedback = (roundId: string, filter: { decision?: DecisionFilter; unitId?: string } = {}) =>
  useLoad(
    () => api.get<RoundFeedback>(`/rounds/${roundId}/feedback`, { decision: filter.decision === 'all' ? undefined : filter.decision, unitId: filter.unitId }),
    [roundId, filter.decision, filter.unitId],
  );

/** The 意见采纳情况表 as the page shows it; loaded when shown, again when `tick` changes. */
export const useAdoptionTable = (roundId: string, active: boolean, tick: number) =>
  useLoad(() => (active ? api.get<AdoptionTable>(`/rounds/${roundId}/adoption-table`) : Promise.resolve(null)), [roundId, tick, active]);

/** The generated next version and its redline against the round's version (both null before it is generated). */
export const useNextVersion = (roundId: string, active: boolean, tick: number) =>
  useLoad(async () => {
    if (!active) return null;
    // ask first whether a next version exists: a 404 would show as an error in the browser console
    const table = await api.get<AdoptionTable>(`/rounds/${roundId}/adoption-table`);
    if (!table.nextVersionId) return { next: null, diff: null };
    const next = await api.get<NextVersion>(`/rounds/${roundId}/next-version`);
    const diff = await api.get<VersionDiff>(`/versions/${next.fromVersion.id}/diff/${next.version.id}`);
    return { next, diff };
  }, [roundId, tick, active]);
