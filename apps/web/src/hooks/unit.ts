import { api } from '../api/client';
import type { Actor, EarlierItems, MyDecisions, MyReply, MyRound, MyRoundListItem, Unit } from '../api/types';
import { useLoad } from './useLoad';

/** The rounds this unit is asked to reply to. */
export const useMyRounds = () => useLoad(() => api.get<MyRoundListItem[]>('/my/rounds'), [], { pollMs: 30_000 });

export interface MyRoundData {
  myRound: MyRound;
  reply: MyReply;
  acting: Unit | null;
  cityOffices: Unit[];
  earlier: EarlierItems | null;
}

/** One round as the unit sees it: the letter and draft, its reply, who it acts as, a city's offices, the earlier round's decisions. */
export const useMyRound = (id: string | undefined, actor: Actor | null) =>
  useLoad<MyRoundData>(async () => {
    const myRound = await api.get<MyRound>(`/my/rounds/${id}`);
    const [reply, acting, cityOffices, earlier] = await Promise.all([
      api.get<MyReply>(`/rounds/${id}/my-reply`),
      actor?.unitId ? api.get<Unit>(`/units/${actor.unitId}`).catch(() => null) : Promise.resolve(null),
      myRound.unit.kind === 'prefecture_city' ? api.get<Unit[]>('/units', { parentId: myRound.unit.id }) : Promise.resolve([]),
      // a first round has no earlier items; an older server has no such endpoint: either way the tab stays hidden
      api.get<EarlierItems>(`/my/rounds/${id}/earlier-items`).catch(() => null),
    ]);
    return { myRound, reply, acting, cityOffices, earlier };
  }, [id]);

/** How the office decided this unit's comments of a round (final once 办结). */
export const useMyDecisions = (roundId: string) => useLoad(() => api.get<MyDecisions>(`/my/rounds/${roundId}/decisions`), [roundId]);
