import { Injectable } from '@nestjs/common';
import { AccessPolicy, Actor, isOffice } from '@zq/access';
import { AdoptionErrors } from './errors';
import { ConsultationErrors } from '@zq/consultation';
import { DraftingService, redline, RedlineSegment } from '@zq/drafting';
import type { ItemKind } from '@zq/feedback';
import { DataSource, EntityManager } from 'typeorm';
import { clauseRefs, ClauseRef } from './apply/clause-refs';
import { findConflicts } from './apply/conflicts';
import { CHANGE_STATUS_LABELS, DECISION_LABELS, ITEM_KIND_LABELS } from './decisions';
import type { ChangeStatus, Decision } from './entities/adoption.entity';
import { ItemRow, loadRound, loadRoundItems, previousRoundOf, RoundRow } from './round-items';

export type DecisionFilter = Decision | 'undecided';

export interface FeedbackQuery {
  unitId?: string;
  clauseId?: string;
  decision?: DecisionFilter;
}

export interface ItemView {
  id: string;
  unit: { id: string; name: string };
  submissionId: string;
  trackingNo: string;
  position: number;
  clauseId: string | null;
  kind: ItemKind;
  kindLabel: string;
  quote: string;
  proposedText: string;
  reason: string;
  decision: {
    decision: Decision;
    label: string;
    reason: string;
    editedText: string | null;
    carryOver: boolean;
    changeId: string | null;
    decidedBy: { id: string; name: string | null };
    decidedAt: Date;
  } | null;
  /** items on the same clause whose spans overlap this one with a different proposal */
  conflictsWith: string[];
}

export interface CarriedItemView {
  id: string;
  roundId: string;
  roundNumber: number;
  unit: { id: string; name: string };
  kind: ItemKind;
  kindLabel: string;
  quote: string;
  proposedText: string;
  reason: string;
  decision: Decision;
  decisionLabel: string;
  decisionReason: string;
  /** the clause then (lineage key) */
  lineageKey: string | null;
}

export interface ClauseFeedback {
  clauseId: string;
  lineageKey: string;
  ref: string;
  kind: string;
  label: string;
  heading: string;
  text: string;
  items: ItemView[];
  conflicts: { itemIds: string[] }[];
  /** unresolved items of earlier rounds, carried over onto this clause */
  carriedOver: CarriedItemView[];
}

export function itemView(r: ItemRow, conflictsWith: string[] = []): ItemView {
  return {
    id: r.id,
    unit: { id: r.unitId, name: r.unitName },
    submissionId: r.submissionId,
    trackingNo: r.trackingNo,
    position: r.position,
    clauseId: r.clauseId,
    kind: r.kind,
    kindLabel: ITEM_KIND_LABELS[r.kind],
    quote: r.quote,
    proposedText: r.proposedText,
    reason: r.reason,
    decision: r.decision
      ? {
          decision: r.decision,
          label: DECISION_LABELS[r.decision],
          reason: r.decisionReason ?? '',
          editedText: r.editedText,
          carryOver: !!r.carryOver,
          changeId: r.changeId,
          decidedBy: { id: r.decidedBy!, name: r.decidedByName },
          decidedAt: r.decidedAt!,
        }
      : null,
    conflictsWith,
  };
}

/** Reading the feedback of a round for adoption: by clause for the office, earlier items for a unit. */
@Injectable()
export class FeedbackReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly drafting: DraftingService,
  ) {}

  /**
   * Every counted item under its clause in document order (general comments apart), with decisions,
   * conflicts between units, and responsible units (责任单位) that said nothing on their own clauses.
   */
  async feedbackByClause(actor: Actor, roundId: string, query: FeedbackQuery = {}) {
    AccessPolicy.requireOffice(actor);
    const em = this.dataSource.manager;
    const round = await loadRound(em, roundId);
    const version = await this.drafting.getVersion(round.versionId, em);
    const [clauses, rows, silent, carried] = await Promise.all([
      this.drafting.listClauses(round.versionId, em),
      loadRoundItems(em, roundId, { unitId: query.unitId, clauseId: query.clauseId }),
      this.silentResponsibleUnits(em, round),
      this.carriedOverInto(em, round),
    ]);
    const refs = clauseRefs(await this.drafting.tree(round.versionId, em), version.itemNumbering);
    // conflicts are between all units' items, whatever the filter shows
    const conflictRows = query.unitId ? await loadRoundItems(em, roundId, { clauseId: query.clauseId }) : rows;
    const conflictsOf = new Map<string, string[]>();
    const conflictGroups = new Map<string, string[][]>();
    const onClause = groupBy(conflictRows.filter((r) => r.clauseId), (r) => r.clauseId!);
    const clauseById = new Map(clauses.map((c) => [c.id, c]));
    for (const [clauseId, items] of onClause) {
      const clause = clauseById.get(clauseId);
      if (!clause) continue;
      const groups = findConflicts(clause, items);
      conflictGroups.set(clauseId, groups);
      for (const g of groups) for (const id of g) conflictsOf.set(id, g.filter((x) => x !== id));
    }
    const shown = rows.filter((r) => matchesDecision(r, query.decision));
    const byClause = groupBy(shown.filter((r) => r.clauseId), (r) => r.clauseId!);
    const carriedByKey = groupBy(carried.filter((c) => c.lineageKey), (c) => c.lineageKey!);
    const result: ClauseFeedback[] = [];
    for (const c of clauses) {
      const items = byClause.get(c.id) ?? [];
      const carriedHere = query.unitId || query.decision ? [] : (carriedByKey.get(c.lineageKey) ?? []);
      if (!items.length && !carriedHere.length) continue;
      const ids = new Set(items.map((i) => i.id));
      result.push({
        clauseId: c.id,
        lineageKey: c.lineageKey,
        ref: refs.get(c.lineageKey)?.ref ?? c.label,
        kind: c.kind,
        label: c.label,
        heading: c.heading,
        text: c.text,
        items: items.map((r) => itemView(r, conflictsOf.get(r.id) ?? [])),
        conflicts: (conflictGroups.get(c.id) ?? []).filter((g) => g.some((id) => ids.has(id))).map((itemIds) => ({ itemIds })),
        carriedOver: carriedHere,
      });
    }
    const counts = countDecisions(rows);
    return {
      round: { id: round.id, title: round.title, roundNumber: round.roundNumber, status: round.status, versionId: round.versionId },
      counts,
      clauses: result,
      general: shown.filter((r) => !r.clauseId).map((r) => itemView(r)),
      generalCarriedOver: query.unitId || query.decision ? [] : carried.filter((c) => !c.lineageKey),
      conflictCount: [...conflictGroups.values()].reduce((n, g) => n + g.length, 0),
      silentResponsibleUnits: query.unitId ? silent.filter((s) => s.unit.id === query.unitId) : silent,
    };
  }

  /**
   * 责任单位 asked in the round that did not comment on clauses they are responsible for, and did not
   * reply 无意见 (units that did not reply at all are listed too, with replied = false).
   */
  private async silentResponsibleUnits(em: EntityManager, round: RoundRow) {
    const rows: { unitId: string; name: string; replied: boolean; clauseId: string; ref: string; heading: string }[] = await em.query(
      `SELECT DISTINCT ON (rr.unit_id, c.ordinal) rr.unit_id AS "unitId", ru.short_name AS name, (rr.status = 'submitted') AS replied,
              c.id AS "clauseId", c.label AS ref, c.heading, c.ordinal, ru.sort_order
         FROM clause c
         JOIN clause_responsibility cr ON cr.clause_id = c.id AND cr.unit_id IS NOT NULL
         JOIN unit u ON u.id = cr.unit_id
         JOIN round_recipient rr ON rr.round_id = $1 AND (rr.unit_id = u.id OR rr.unit_id = u.parent_id)
         JOIN unit ru ON ru.id = rr.unit_id
        WHERE c.version_id = $2
          AND NOT (rr.status = 'submitted' AND rr.reply_kind = 'no_comment')
          AND NOT EXISTS (SELECT 1 FROM sealed_item i WHERE rr.status = 'submitted' AND i.submission_id = rr.latest_submission_id AND i.clause_id = c.id)
        ORDER BY rr.unit_id, c.ordinal`,
      [round.id, round.versionId],
    );
    const byUnit = new Map<string, { unit: { id: string; name: string }; replied: boolean; clauses: { clauseId: string; ref: string; heading: string }[] }>();
    for (const r of rows) {
      const entry = byUnit.get(r.unitId) ?? { unit: { id: r.unitId, name: r.name }, replied: r.replied, clauses: [] };
      entry.clauses.push({ clauseId: r.clauseId, ref: r.ref, heading: r.heading });
      byUnit.set(r.unitId, entry);
    }
    // units that replied yet skipped their own clauses first: the ones worth a phone call
    return [...byUnit.values()].sort((a, b) => Number(b.replied) - Number(a.replied) || a.unit.name.localeCompare(b.unit.name, 'zh-CN'));
  }

  /** Items of earlier rounds in this round's chain that were marked carry_over (unresolved). */
  private async carriedOverInto(em: EntityManager, round: RoundRow, unitIds?: string[]): Promise<CarriedItemView[]> {
    const rows: (Omit<CarriedItemView, 'kindLabel' | 'decisionLabel'> & { depth: number })[] = await em.query(
      `WITH RECURSIVE chain AS (
         SELECT r.id, r.round_number, r.version_id, 1 AS depth
           FROM consultation_round r
          WHERE r.id = coalesce($1::uuid, (SELECT ra.round_id FROM round_adoption ra WHERE ra.next_version_id = $2 LIMIT 1))
         UNION ALL
         SELECT p.id, p.round_number, p.version_id, chain.depth + 1
           FROM chain JOIN consultation_round cur ON cur.id = chain.id
           JOIN consultation_round p ON p.id = coalesce(cur.previous_round_id, (SELECT ra.round_id FROM round_adoption ra WHERE ra.next_version_id = cur.version_id LIMIT 1))
          WHERE chain.depth < 20)
       SELECT i.id, chain.id AS "roundId", chain.round_number AS "roundNumber", json_build_object('id', u.id, 'name', u.short_name) AS unit,
              i.kind, i.quote, i.proposed_text AS "proposedText", i.reason, d.decision, d.reason AS "decisionReason",
              coalesce(i.lineage_key, c.lineage_key) AS "lineageKey", chain.depth
         FROM chain
         JOIN round_recipient rr ON rr.round_id = chain.id AND rr.status = 'submitted'
         JOIN sealed_item i ON i.submission_id = rr.latest_submission_id
         JOIN disposition d ON d.item_id = i.id AND d.carry_over
         JOIN unit u ON u.id = i.unit_id
         LEFT JOIN clause c ON c.id = i.clause_id
        WHERE ($3::uuid[] IS NULL OR i.unit_id = ANY($3))
        ORDER BY chain.depth, u.sort_order, i.position`,
      [round.previousRoundId, round.versionId, unitIds ?? null],
    );
    return rows.map(({ depth: _depth, ...r }) => ({ ...r, kindLabel: ITEM_KIND_LABELS[r.kind], decisionLabel: DECISION_LABELS[r.decision] }));
  }

  /**
   * A unit user's own view of a round it was asked in (its unit, or its city for a city office):
   * the units whose items it sees; any other round is not found, as for the portal.
   */
  private async unitAsked(actor: Actor, roundId: string): Promise<{ units: string[]; em: EntityManager }> {
    if (isOffice(actor)) throw AdoptionErrors.unitUserOnly();
    const units = [actor.unitId, actor.parentUnitId].filter((u): u is string => !!u);
    const em = this.dataSource.manager;
    const [asked]: { id: string }[] = await em.query(
      `SELECT r.id FROM consultation_round r JOIN round_recipient rr ON rr.round_id = r.id
        WHERE r.id = $1 AND r.status <> 'draft' AND rr.unit_id = ANY($2::uuid[]) LIMIT 1`,
      [roundId, units],
    );
    if (!asked) throw ConsultationErrors.roundNotFoundForUnit({ roundId });
    return { units, em };
  }

  /**
   * 上一轮意见处理情况 for a unit in a later round: each of its items of the previous round with the
   * decision (once that round is concluded), and what changed in the clause since (redline), plus
   * unresolved items carried over from rounds before.
   */
  async earlierItems(actor: Actor, roundId: string) {
    const { units, em } = await this.unitAsked(actor, roundId);
    const round = await loadRound(em, roundId);
    const previous = await previousRoundOf(em, round);
    if (!previous) return { round: roundHead(round), previousRound: null, items: [], carriedOver: [] };
    const decided = previous.status === 'concluded';
    const rows = await loadRoundItems(em, previous.id, { unitIds: units });
    const nowVersion = await this.drafting.getVersion(round.versionId, em);
    const thenVersion = await this.drafting.getVersion(previous.versionId, em);
    const now = clauseRefs(await this.drafting.tree(round.versionId, em), nowVersion.itemNumbering);
    const then = clauseRefs(await this.drafting.tree(previous.versionId, em), thenVersion.itemNumbering);
    const changes = await this.changeStatusOf(em, rows.map((r) => r.changeId).filter((c): c is string => !!c));
    const items = rows.map((r) => {
      const before = r.lineageKey ? then.get(r.lineageKey) : undefined;
      const after = r.lineageKey ? now.get(r.lineageKey) : undefined;
      const change = r.changeId ? changes.get(r.changeId) : undefined;
      const added = change?.addedLineageKey ? now.get(change.addedLineageKey) : undefined;
      return {
        id: r.id,
        trackingNo: r.trackingNo,
        kind: r.kind,
        kindLabel: ITEM_KIND_LABELS[r.kind],
        quote: r.quote,
        proposedText: r.proposedText,
        reason: r.reason,
        decision: decided && r.decision ? { decision: r.decision, label: DECISION_LABELS[r.decision], reason: r.decisionReason ?? '', carryOver: !!r.carryOver } : null,
        clauseThen: before ? { ref: before.ref, heading: before.heading, text: before.text } : null,
        clauseNow: after ? { ref: after.ref, heading: after.heading, text: after.text } : null,
        addedClause: added ? { ref: added.ref, heading: added.heading, text: added.text } : null,
        clauseStatus: !before ? 'general' : !after ? 'deleted' : before.fullText === after.fullText ? 'unchanged' : 'changed',
        change: change ? { status: change.status, statusLabel: CHANGE_STATUS_LABELS[change.status] } : null,
        redline: before && after && before.fullText !== after.fullText ? redline(before.fullText, after.fullText) : ([] as RedlineSegment[]),
      };
    });
    return {
      round: roundHead(round),
      previousRound: { ...roundHead(previous), decisionsFinal: decided },
      items,
      carriedOver: decided ? (await this.carriedOverInto(em, round, units)).filter((c) => c.roundId !== previous.id) : [],
    };
  }

  /**
   * A unit after the round: how the office decided each of its comments (known once the round is
   * 办结; before that the items are listed without decisions).
   */
  async myDecisions(actor: Actor, roundId: string) {
    const { units, em } = await this.unitAsked(actor, roundId);
    const round = await loadRound(em, roundId);
    const final = round.status === 'concluded';
    const rows = await loadRoundItems(em, roundId, { unitIds: units });
    const version = await this.drafting.getVersion(round.versionId, em);
    const refs = clauseRefs(await this.drafting.tree(round.versionId, em), version.itemNumbering);
    return {
      round: roundHead(round),
      decisionsFinal: final,
      items: rows.map((r) => {
        const clause = r.lineageKey ? refs.get(r.lineageKey) : undefined;
        return {
          id: r.id,
          trackingNo: r.trackingNo,
          kind: r.kind,
          kindLabel: ITEM_KIND_LABELS[r.kind],
          quote: r.quote,
          proposedText: r.proposedText,
          reason: r.reason,
          clause: clause ? { ref: clause.ref, heading: clause.heading } : null,
          decision: final && r.decision ? { decision: r.decision, label: DECISION_LABELS[r.decision], reason: r.decisionReason ?? '', carryOver: !!r.carryOver } : null,
        };
      }),
    };
  }

  /** The decision history of one item (audit rows), newest last. */
  async itemHistory(actor: Actor, roundId: string, itemId: string) {
    AccessPolicy.requireOffice(actor);
    const em = this.dataSource.manager;
    const [item] = await em.query(`SELECT id FROM sealed_item WHERE id = $1 AND round_id = $2`, [itemId, roundId]);
    if (!item) throw AdoptionErrors.itemNotFound({ itemId });
    return em.query(
      `SELECT a.at, a.action, a.data, a.actor_user_id AS "actorUserId", u.display_name AS "actorName"
         FROM audit_event a LEFT JOIN app_user u ON u.id = a.actor_user_id
        WHERE a.entity_type = 'sealed_item' AND a.entity_id = $1 ORDER BY a.id`,
      [itemId],
    );
  }

  private async changeStatusOf(em: EntityManager, ids: string[]): Promise<Map<string, { status: ChangeStatus; addedLineageKey: string | null }>> {
    if (!ids.length) return new Map();
    const rows: { id: string; status: ChangeStatus; addedLineageKey: string | null }[] = await em.query(
      `SELECT id, status, added_lineage_key AS "addedLineageKey" FROM version_change WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }
}

function roundHead(r: RoundRow) {
  return { id: r.id, title: r.title, roundNumber: r.roundNumber, status: r.status, versionId: r.versionId };
}

function matchesDecision(r: ItemRow, filter?: DecisionFilter): boolean {
  if (!filter) return true;
  return filter === 'undecided' ? r.decision === null : r.decision === filter;
}

export function countDecisions(rows: { decision: Decision | null }[]) {
  const counts = { items: rows.length, adopted: 0, partiallyAdopted: 0, notAdopted: 0, noted: 0, undecided: 0 };
  for (const r of rows) {
    if (r.decision === 'adopted') counts.adopted++;
    else if (r.decision === 'partially_adopted') counts.partiallyAdopted++;
    else if (r.decision === 'not_adopted') counts.notAdopted++;
    else if (r.decision === 'noted') counts.noted++;
    else counts.undecided++;
  }
  return counts;
}

export function groupBy<T, K>(list: T[], key: (t: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const x of list) {
    const k = key(x);
    const l = map.get(k);
    if (l) l.push(x);
    else map.set(k, [x]);
  }
  return map;
}

export type { ClauseRef };
