import { Injectable } from '@nestjs/common';
import { AccessPolicy, Actor } from '@zq/access';
import { Clock } from '@zq/common';
import { AdoptionErrors } from './errors';
import { UnitOfWork } from '@zq/jobs';
import type { EntityManager } from 'typeorm';
import { checkDecision, DecisionInput } from './decisions';
import { itemView, ItemView } from './feedback-review.service';
import { CURRENT_ITEMS_FROM, loadRound, loadRoundItems, requireDecidable } from './round-items';

export interface DecideInput extends DecisionInput {
  /** the items to decide on … */
  itemIds?: string[];
  /** … or every item of the round that has no decision yet (closing the rest explicitly) */
  allUndecided?: boolean;
}

const SHOWN_ITEMS = 50;

/** 采纳 / 部分采纳 / 不采纳 / 供参考: one current decision per item, every decision kept in the audit log. */
@Injectable()
export class DispositionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** Decides on one or many items in one statement; the previous decision of each goes to its audit row. */
  async decide(actor: Actor, roundId: string, input: DecideInput): Promise<{ decided: number; counts: DecisionCounts; items: ItemView[] }> {
    AccessPolicy.requireOffice(actor);
    const d = checkDecision(input);
    const ids = [...new Set(input.itemIds ?? [])];
    if (!!ids.length === !!input.allUndecided) {
      throw AdoptionErrors.itemsRequired({ field: 'itemIds' });
    }
    return this.uow.run(async (em) => {
      const round = await loadRound(em, roundId, { lock: true });
      requireDecidable(round);
      if (ids.length) await this.requireCurrentItems(em, roundId, ids);
      const target = ids.length
        ? `SELECT unnest($9::uuid[]) AS item_id`
        : `SELECT i.id AS item_id ${CURRENT_ITEMS_FROM} AND NOT EXISTS (SELECT 1 FROM disposition x WHERE x.item_id = i.id) AND $9::uuid[] IS NULL`;
      const [{ n }]: { n: number }[] = await em.query(
        `WITH target AS (${target}),
         prev AS (SELECT x.item_id, x.decision, x.reason FROM disposition x JOIN target USING (item_id)),
         up AS (
           INSERT INTO disposition (round_id, item_id, decision, reason, edited_text, carry_over, decided_by, decided_at)
           SELECT $1, item_id, $2, $3, $4, $5, $6, $7 FROM target
           ON CONFLICT (item_id) DO UPDATE SET decision = EXCLUDED.decision, reason = EXCLUDED.reason, edited_text = EXCLUDED.edited_text,
                  carry_over = EXCLUDED.carry_over, decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at
           RETURNING item_id),
         audit AS (
           INSERT INTO audit_event (actor_user_id, action, entity_type, entity_id, data)
           SELECT $6, 'disposition.decided', 'sealed_item', up.item_id::text,
                  jsonb_build_object('roundId', $1::uuid, 'decision', $2::text, 'reason', $3::text, 'editedText', $4::text, 'carryOver', $5::boolean,
                                     'bulk', $8::boolean, 'at', $7::timestamptz,
                                     'previous', CASE WHEN p.item_id IS NULL THEN NULL ELSE jsonb_build_object('decision', p.decision, 'reason', p.reason) END)
             FROM up LEFT JOIN prev p USING (item_id)
           RETURNING 1)
         SELECT count(*)::int AS n FROM audit`,
        [roundId, d.decision, d.reason, d.editedText, d.carryOver, actor.userId, this.clock.now(), ids.length !== 1, ids.length ? ids : null],
      );
      // the next version no longer reflects every decision
      if (n > 0) await em.query(`UPDATE round_adoption SET stale = true WHERE round_id = $1`, [roundId]);
      const shown = ids.length && ids.length <= SHOWN_ITEMS ? (await loadRoundItems(em, roundId, { itemIds: ids })).map((r) => itemView(r)) : [];
      return { decided: n, counts: await decisionCounts(em, roundId), items: shown };
    });
  }

  private async requireCurrentItems(em: EntityManager, roundId: string, ids: string[]): Promise<void> {
    const rows: { id: string; current: boolean }[] = await em.query(
      `SELECT i.id, (rr.status = 'submitted' AND rr.latest_submission_id = i.submission_id) AS current
         FROM sealed_item i JOIN sealed_submission s ON s.id = i.submission_id JOIN round_recipient rr ON rr.id = s.recipient_id
        WHERE i.id = ANY($1::uuid[]) AND i.round_id = $2`,
      [ids, roundId],
    );
    const found = new Map(rows.map((r) => [r.id, r.current]));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw AdoptionErrors.itemsNotInRound(missing.length, { itemIds: missing.slice(0, 10) });
    const stale = ids.filter((id) => !found.get(id));
    if (stale.length) {
      throw AdoptionErrors.itemNotCurrent(stale.length, { itemIds: stale.slice(0, 10) });
    }
  }
}

export interface DecisionCounts {
  items: number;
  adopted: number;
  partiallyAdopted: number;
  notAdopted: number;
  noted: number;
  undecided: number;
}

/** How many counted items of the round have which decision. */
export async function decisionCounts(em: EntityManager, roundId: string): Promise<DecisionCounts> {
  const [c] = await em.query(
    `SELECT count(*)::int AS items,
            count(*) FILTER (WHERE d.decision = 'adopted')::int AS adopted,
            count(*) FILTER (WHERE d.decision = 'partially_adopted')::int AS "partiallyAdopted",
            count(*) FILTER (WHERE d.decision = 'not_adopted')::int AS "notAdopted",
            count(*) FILTER (WHERE d.decision = 'noted')::int AS noted,
            count(*) FILTER (WHERE d.decision IS NULL)::int AS undecided
       FROM round_recipient rr
       JOIN sealed_item i ON i.submission_id = rr.latest_submission_id
       LEFT JOIN disposition d ON d.item_id = i.id
      WHERE rr.round_id = $1 AND rr.status = 'submitted'`,
    [roundId],
  );
  return c;
}
