import { api } from '../api/client';
import type { Board, Extension, MailPage, NotRepliedUnit, SubmissionDetail, SubmissionSummary } from '../api/types';
import { useLoad } from './useLoad';

export const BOARD_POLL_MS = 4000;

export const BOARD_PAGE_SIZE = 50;

/**
 * The round's tracking board, refreshed every few seconds while the tab is visible: the counts of the
 * whole round and one page of its recipients (filtered by state on the server, so a round of 10,000
 * units sends 50 rows per poll, not 10,000).
 */
export const useBoard = (roundId: string, state: string | null, page: number) =>
  useLoad(
    () => api.get<Board>(`/rounds/${roundId}/board`, { limit: BOARD_PAGE_SIZE, offset: (page - 1) * BOARD_PAGE_SIZE, ...(state ? { state } : {}) }),
    [roundId, state, page],
    { pollMs: BOARD_POLL_MS },
  );

/** The latest sealed reply of each unit. */
export const useSubmissions = (roundId: string) =>
  useLoad(() => api.get<SubmissionSummary[]>(`/rounds/${roundId}/submissions`, { latestOnly: true }), [roundId], { pollMs: BOARD_POLL_MS });

/** One sealed reply in full (nothing while `id` is null). */
export const useSubmission = (id: string | null) => useLoad(() => (id ? api.get<SubmissionDetail>(`/submissions/${id}`) : Promise.resolve(null)), [id]);

/** 未反馈单位 with whom to call (the server gathers a city's contacts through its offices); loaded when shown. */
export const useNotReplied = (roundId: string, active: boolean, tick: unknown) =>
  useLoad(() => (active ? api.get<NotRepliedUnit[]>(`/rounds/${roundId}/not-replied`) : Promise.resolve(null)), [roundId, active, tick]);

/** 邮件记录, loaded (and refreshed) while shown. */
export const useMailLog = (roundId: string, active: boolean) =>
  useLoad(() => (active ? api.get<MailPage>(`/rounds/${roundId}/mails`, { limit: 500 }) : Promise.resolve(null)), [roundId, active], {
    pollMs: active ? 8000 : undefined,
  });

/** 延期记录, loaded when shown. */
export const useExtensions = (roundId: string, active: boolean) => useLoad(() => (active ? api.get<Extension[]>(`/rounds/${roundId}/extensions`) : Promise.resolve(null)), [roundId, active]);
