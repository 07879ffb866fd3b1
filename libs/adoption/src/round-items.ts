import { AdoptionErrors } from './errors';
import { ConsultationErrors } from '@zq/consultation';
import type { RoundStatus } from '@zq/consultation';
import type { ItemKind } from '@zq/feedback';
import type { EntityManager } from 'typeorm';
import type { Decision } from './entities/adoption.entity';

export interface RoundRow {
  id: string;
  policyId: string;
  versionId: string;
  roundNumber: number;
  title: string;
  status: RoundStatus;
  silenceRule: string;
  previousRoundId: string | null;
}

const ROUND_SQL = `SELECT id, policy_id AS "policyId", version_id AS "versionId", round_number AS "roundNumber", title, status,
                          silence_rule AS "silenceRule", previous_round_id AS "previousRoundId"
                     FROM consultation_round WHERE id = $1`;

export async function loadRound(em: EntityManager, roundId: string, opts: { lock?: boolean } = {}): Promise<RoundRow> {
  const [round]: RoundRow[] = await em.query(ROUND_SQL + (opts.lock ? ' FOR UPDATE' : ''), [roundId]);
  if (!round) throw ConsultationErrors.roundNotFound({ roundId });
  return round;
}

/** Decisions are taken once replies are in and before the round is concluded. */
export function requireDecidable(round: RoundRow): void {
  if (round.status === 'draft') throw AdoptionErrors.roundNotLaunched({ status: round.status });
  if (round.status === 'concluded') throw AdoptionErrors.roundConcluded({ status: round.status });
}

/** One item of a latest sealed revision, with its decision. */
export interface ItemRow {
  id: string;
  submissionId: string;
  trackingNo: string;
  unitId: string;
  unitName: string;
  clauseId: string | null;
  lineageKey: string | null;
  position: number;
  kind: ItemKind;
  quote: string;
  proposedText: string;
  reason: string;
  decision: Decision | null;
  decisionReason: string | null;
  editedText: string | null;
  carryOver: boolean | null;
  changeId: string | null;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
}

/**
 * Items that count in a round: those of each recipient's latest sealed revision, while the reply
 * stands (status submitted: a superseded revision, a withdrawn or a returned reply does not count).
 */
export const CURRENT_ITEMS_FROM = `
  FROM round_recipient rr
  JOIN sealed_item i ON i.submission_id = rr.latest_submission_id
 WHERE rr.round_id = $1 AND rr.status = 'submitted'`;

/** Every counted item of the round in document order (general comments first), by unit within a clause. */
export async function loadRoundItems(
  em: EntityManager,
  roundId: string,
  filter: { unitId?: string; unitIds?: string[]; clauseId?: string; itemIds?: string[] } = {},
): Promise<ItemRow[]> {
  return em.query(
    `SELECT i.id, i.submission_id AS "submissionId", s.tracking_no AS "trackingNo", i.unit_id AS "unitId", u.short_name AS "unitName",
            i.clause_id AS "clauseId", coalesce(i.lineage_key, c.lineage_key) AS "lineageKey", i.position, i.kind, i.quote,
            i.proposed_text AS "proposedText", i.reason,
            d.decision, d.reason AS "decisionReason", d.edited_text AS "editedText", d.carry_over AS "carryOver", d.change_id AS "changeId",
            d.decided_by AS "decidedBy", au.display_name AS "decidedByName", d.decided_at AS "decidedAt"
       FROM round_recipient rr
       JOIN sealed_submission s ON s.id = rr.latest_submission_id
       JOIN sealed_item i ON i.submission_id = s.id
       JOIN unit u ON u.id = i.unit_id
       LEFT JOIN clause c ON c.id = i.clause_id
       LEFT JOIN disposition d ON d.item_id = i.id
       LEFT JOIN app_user au ON au.id = d.decided_by
      WHERE rr.round_id = $1 AND rr.status = 'submitted'
        AND ($2::uuid[] IS NULL OR i.unit_id = ANY($2)) AND ($3::uuid IS NULL OR i.clause_id = $3) AND ($4::uuid[] IS NULL OR i.id = ANY($4))
      ORDER BY c.ordinal NULLS FIRST, u.sort_order, u.short_name, i.position`,
    [roundId, filter.unitIds ?? (filter.unitId ? [filter.unitId] : null), filter.clauseId ?? null, filter.itemIds ?? null],
  );
}

export async function countUndecided(em: EntityManager, roundId: string): Promise<{ count: number; first: { itemId: string; unitName: string; clause: string | null; quote: string }[] }> {
  const rows: { itemId: string; unitName: string; clause: string | null; quote: string; total: number }[] = await em.query(
    `SELECT i.id AS "itemId", u.short_name AS "unitName", nullif(c.label || c.heading, '') AS clause, i.quote, count(*) OVER ()::int AS total
       FROM round_recipient rr
       JOIN sealed_item i ON i.submission_id = rr.latest_submission_id
       JOIN unit u ON u.id = i.unit_id
       LEFT JOIN clause c ON c.id = i.clause_id
      WHERE rr.round_id = $1 AND rr.status = 'submitted'
        AND NOT EXISTS (SELECT 1 FROM disposition d WHERE d.item_id = i.id)
      ORDER BY c.ordinal NULLS FIRST, u.sort_order, i.position
      LIMIT 5`,
    [roundId],
  );
  return { count: rows[0]?.total ?? 0, first: rows.map(({ total: _total, ...r }) => r) };
}

/** The round whose adoption produced this round's version (previous_round_id, else by its next version). */
export async function previousRoundOf(em: EntityManager, round: RoundRow): Promise<RoundRow | null> {
  if (round.previousRoundId) return loadRound(em, round.previousRoundId);
  const [row]: { roundId: string }[] = await em.query(`SELECT round_id AS "roundId" FROM round_adoption WHERE next_version_id = $1 LIMIT 1`, [round.versionId]);
  return row ? loadRound(em, row.roundId) : null;
}

/** Rows of an UPDATE … RETURNING (TypeORM answers [rows, count] for updates). */
export async function updateReturning<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = await em.query(sql, params);
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
