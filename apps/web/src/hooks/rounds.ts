import { api } from '../api/client';
import type { Coverage, Policy, Round, RoundListItem, Unit } from '../api/types';
import { useLoad } from './useLoad';

/** One round as the office sees it. */
export const useRound = (id: string | undefined) => useLoad(() => api.get<Round>(`/rounds/${id}`), [id]);

/** Every round, refreshed every 10 seconds. */
export const useRounds = () => useLoad(() => api.get<RoundListItem[]>('/rounds'), [], { pollMs: 10_000 });

/** What the round form needs: the round (none for a new one), the directory and the policies to pick a version from. */
export const useRoundForm = (id: string | undefined) =>
  useLoad(async () => {
    const [round, units, policies] = await Promise.all([id ? api.get<Round>(`/rounds/${id}`) : Promise.resolve(null), api.get<Unit[]>('/units'), api.get<Policy[]>('/policies')]);
    return { round, units, policies };
  }, [id]);

export const fetchCoverage = (roundId: string) => api.get<Coverage>(`/rounds/${roundId}/coverage`);
