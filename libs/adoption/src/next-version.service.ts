import { Injectable } from '@nestjs/common';
import { AccessPolicy, Actor } from '@zq/access';
import { Clock, RenderThreads, threadTask } from '@zq/common';
import { AdoptionErrors } from './errors';
import { CityApprovalRule, roundMachine, RoundService, SilenceRule } from '@zq/consultation';
import { articleReferenceWarnings, ClauseNode, DraftingService, DraftVersion, splitTitle } from '@zq/drafting';
import { UnitOfWork } from '@zq/jobs';
import { recordAudit } from '@zq/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { MANUAL_REASON_LABELS, ManualReason, Proposal, ProposalNode, SEVERAL_REASONS_LABEL } from './apply/apply-proposals';
import { clauseRefs } from './apply/clause-refs';
import { CHANGE_KIND_LABELS, CHANGE_STATUS_LABELS } from './decisions';
import { decisionCounts } from './disposition.service';
import { ChangeStatus, RoundAdoption, VersionChange } from './entities/adoption.entity';
import { countUndecided, loadRound } from './round-items';

export interface GenerateInput {
  /** 送审稿 / 二次征求意见稿 / 修改稿 … */
  label: string;
  /** default: the policy title with the label, e.g. 关于…的意见（送审稿） */
  title?: string;
  /** regenerate from the current decisions, discarding the earlier next version (and its manual edits) */
  replace?: boolean;
}

export interface ResolveInput {
  /** the clause text as edited by hand in the next version */
  text?: string;
  heading?: string;
  /** why no edit is needed, or what was done */
  note?: string;
}

export interface NextRoundInput {
  title?: string;
  letterText?: string;
  deadlineDate?: string;
  deadlineWorkdays?: number;
  /** default: the units asked in this round */
  recipientUnitIds?: string[];
}

/** A stored clause tree as the next version will store it: lineage keys and units kept. */
export function toProposalNodes(nodes: ClauseNode[]): ProposalNode[] {
  return nodes.map((n) => ({
    lineageKey: n.lineageKey,
    kind: n.kind,
    label: n.label,
    number: n.number,
    heading: n.heading,
    text: n.text,
    responsibleUnits: n.responsibilities.map((r) => ({ name: r.name, isLead: r.isLead, ...(r.unitId ? { unitId: r.unitId } : {}) })),
    responsibilityRaw: n.responsibilityRaw,
    table: n.tableRows ? { rows: n.tableRows } : null,
    children: toProposalNodes(n.children),
  }));
}

/** Applying 100,000 proposals holds the CPU for a third of a second: it runs on a render thread, not the event loop. */
const APPLY = threadTask<typeof import('./apply/apply-proposals')>(require.resolve('./apply/apply-proposals'));

/** The next version from the decisions, its manual edits, the round's conclusion and the next round. */
@Injectable()
export class NextVersionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly drafting: DraftingService,
    private readonly rounds: RoundService,
    private readonly renders: RenderThreads,
  ) {}

  /**
   * A new editable version derived from the round's version with every adopted proposal applied
   * (see applyProposals), numbering recomputed, lineage kept; each change recorded and linked to
   * the items that caused it, and each decision to its change.
   */
  async generate(actor: Actor, roundId: string, input: GenerateInput) {
    AccessPolicy.requireOffice(actor);
    const label = input.label?.trim();
    if (!label) throw AdoptionErrors.versionLabelRequired({ field: 'label' });
    return this.uow.run(async (em) => {
      const round = await loadRound(em, roundId, { lock: true });
      if (round.status !== 'closed') {
        throw (round.status === 'concluded' ? AdoptionErrors.roundConcludedNoNextVersion : AdoptionErrors.roundNotClosed)({ status: round.status });
      }
      const existing = await em.getRepository(RoundAdoption).findOne({ where: { roundId }, lock: { mode: 'pessimistic_write' } });
      if (existing) {
        if (!input.replace) {
          throw AdoptionErrors.nextVersionExists({ versionId: existing.nextVersionId });
        }
        await this.discard(em, actor, existing);
      }
      const version = await this.drafting.getVersion(round.versionId, em);
      const proposals = await adoptedProposals(em, roundId);
      const current = toProposalNodes(await this.drafting.tree(round.versionId, em));
      const { tree, changes } = await this.renders.run(APPLY, 'applyProposals', current, proposals, { numbering: version.itemNumbering });
      // articles renumbered after a deletion or insertion: every 依照本条例第十二条 pointing at one that moved
      const referenceWarnings = articleReferenceWarnings(current, tree);
      const title = input.title?.trim() || `${splitTitle(version.title).policyTitle}（${label}）`;
      const created = await this.drafting.createVersion(em, actor, {
        policyId: round.policyId,
        label,
        title,
        itemNumbering: version.itemNumbering,
        sourceFormat: 'derived',
        sourceText: null,
        letter: null,
        derivedFromVersionId: round.versionId,
        nodes: tree,
      });
      const now = this.clock.now();
      const records = changes.map((c) => ({
        id: randomUUID(),
        roundId,
        fromVersionId: round.versionId,
        toVersionId: created.id,
        lineageKey: c.lineageKey,
        addedLineageKey: c.addedLineageKey,
        kind: c.kind,
        status: c.status,
        manualReason: c.manualReason,
        beforeText: c.beforeText,
        afterText: c.afterText,
        itemIds: c.itemIds,
        edits: c.edits,
      }));
      await insertChanges(em, records);
      // each decision links to the change it made, in one statement
      await em.query(
        `UPDATE disposition d SET change_id = x.change_id
           FROM (SELECT c.id AS change_id, unnest(c.item_ids) AS item_id FROM version_change c WHERE c.to_version_id = $1) x
          WHERE d.item_id = x.item_id`,
        [created.id],
      );
      await em.getRepository(RoundAdoption).insert({ roundId, nextVersionId: created.id, stale: false, generatedBy: actor.userId, generatedAt: now });
      const counts = {
        changes: changes.length,
        applied: changes.filter((c) => c.status === 'applied').length,
        needsManualEdit: changes.filter((c) => c.status === 'needs_manual_edit').length,
        addedClauses: changes.filter((c) => c.kind === 'add' && c.status === 'applied').length,
        deletedClauses: changes.filter((c) => c.status === 'applied' && c.kind === 'delete').length,
        adoptedItems: proposals.length,
        itemsApplied: changes.filter((c) => c.status === 'applied').reduce((n, c) => n + c.itemIds.length, 0),
        itemsForManualEdit: changes.filter((c) => c.status === 'needs_manual_edit').reduce((n, c) => n + c.itemIds.length, 0),
      };
      await recordAudit(em, {
        actorUserId: actor.userId,
        action: 'adoption.next_version_generated',
        entityType: 'consultation_round',
        entityId: roundId,
        data: { versionId: created.id, label, replaced: existing?.nextVersionId ?? null, ...counts },
      });
      const undecided = await countUndecided(em, roundId);
      return {
        roundId,
        version: { id: created.id, seq: created.seq, label, title, status: 'editing' as const, derivedFromVersionId: round.versionId, clauseCount: created.clauseCount },
        counts,
        undecided,
        referenceWarnings,
      };
    });
  }

  /** The round's next version with its changes (what was applied, what needs a manual edit). */
  async get(actor: Actor, roundId: string) {
    AccessPolicy.requireOffice(actor);
    const em = this.dataSource.manager;
    const round = await loadRound(em, roundId);
    const adoption = await this.requireAdoption(em, roundId);
    const [from, to] = await Promise.all([this.drafting.getVersion(round.versionId, em), this.drafting.getVersion(adoption.nextVersionId, em)]);
    const [before, after] = await Promise.all([this.drafting.tree(from.id, em), this.drafting.tree(to.id, em)]);
    const refsBefore = clauseRefs(before, from.itemNumbering);
    const refsAfter = clauseRefs(after, to.itemNumbering);
    const changes = await em.getRepository(VersionChange).find({ where: { toVersionId: to.id } });
    changes.sort((a, b) => (a.lineageKey ? (refsBefore.get(a.lineageKey)?.ordinal ?? 1e9) : -1) - (b.lineageKey ? (refsBefore.get(b.lineageKey)?.ordinal ?? 1e9) : -1));
    return {
      round: { id: round.id, title: round.title, roundNumber: round.roundNumber, status: round.status },
      fromVersion: { id: from.id, label: from.label, title: from.title },
      version: { id: to.id, seq: to.seq, label: to.label, title: to.title, status: to.status, locked: to.lockedAt !== null, publishedAt: to.publishedAt },
      stale: adoption.stale,
      generatedAt: adoption.generatedAt,
      /** references in the text to articles whose number changed (第十二条 → 第十一条): to check by hand */
      referenceWarnings: articleReferenceWarnings(before, after),
      counts: await decisionCounts(em, roundId),
      changes: changes.map((c) => ({
        id: c.id,
        kind: c.kind,
        kindLabel: CHANGE_KIND_LABELS[c.kind as keyof typeof CHANGE_KIND_LABELS] ?? c.kind,
        status: c.status,
        statusLabel: CHANGE_STATUS_LABELS[c.status],
        manualReason: c.manualReason,
        manualReasonLabel: c.manualReason ? (MANUAL_REASON_LABELS[c.manualReason as ManualReason] ?? SEVERAL_REASONS_LABEL) : null,
        lineageKey: c.lineageKey,
        clauseBefore: c.lineageKey ? (refsBefore.get(c.lineageKey)?.ref ?? null) : null,
        clauseAfter: c.lineageKey ? (refsAfter.get(c.addedLineageKey ?? c.lineageKey)?.ref ?? null) : null,
        addedLineageKey: c.addedLineageKey,
        beforeText: c.beforeText,
        afterText: c.afterText,
        itemIds: c.itemIds,
        edits: c.edits.map((e) => ({ ...e, reasonLabel: e.reason ? MANUAL_REASON_LABELS[e.reason as ManualReason] : null })),
        resolvedAt: c.resolvedAt,
        resolutionNote: c.resolutionNote,
      })),
    };
  }

  /** A change marked for a manual edit: the office edits the clause in the next version, or notes why none is needed. */
  async resolveChange(actor: Actor, roundId: string, changeId: string, input: ResolveInput) {
    AccessPolicy.requireOffice(actor);
    const text = input.text?.trim() ? input.text.trim() : undefined;
    const heading = input.heading?.trim() ? input.heading.trim() : undefined;
    const note = input.note?.trim() ?? '';
    if (text === undefined && heading === undefined && !note) {
      throw AdoptionErrors.resolutionRequired({ field: 'text' });
    }
    return this.uow.run(async (em) => {
      const round = await loadRound(em, roundId, { lock: true });
      if (round.status === 'concluded') throw AdoptionErrors.roundConcludedVersionPublished({ status: round.status });
      const change = await em.getRepository(VersionChange).findOne({ where: { id: changeId, roundId }, lock: { mode: 'pessimistic_write' } });
      if (!change) throw AdoptionErrors.changeNotFound({ changeId });
      if (change.status === 'applied') throw AdoptionErrors.changeAlreadyApplied({ changeId });
      const version = await this.drafting.getVersion(change.toVersionId, em);
      requireEditable(version);
      let afterText = change.afterText;
      if (text !== undefined || heading !== undefined) {
        if (!change.lineageKey) throw AdoptionErrors.changeHasNoClause({ field: 'note' });
        const edited = await this.drafting.editClause(em, version.id, change.lineageKey, { text, heading });
        if (!edited) throw AdoptionErrors.clauseNotInNextVersion({ lineageKey: change.lineageKey });
        afterText = edited.heading && edited.text ? `${edited.heading}。${edited.text}` : edited.heading || edited.text;
      }
      const now = this.clock.now();
      await em.getRepository(VersionChange).update(changeId, { status: 'resolved' as ChangeStatus, afterText, resolvedBy: actor.userId, resolvedAt: now, resolutionNote: note || null });
      await recordAudit(em, {
        actorUserId: actor.userId,
        action: 'adoption.change_resolved',
        entityType: 'version_change',
        entityId: changeId,
        data: { roundId, versionId: version.id, lineageKey: change.lineageKey, edited: text !== undefined || heading !== undefined, note, from: change.status },
      });
      return { id: changeId, status: 'resolved' as const, statusLabel: CHANGE_STATUS_LABELS.resolved, afterText, resolvedAt: now, resolutionNote: note || null };
    });
  }

  /**
   * 办结: in one transaction the round is concluded and its next version published. Refused while an
   * item has no decision (UNDECIDED_ITEMS), the next version is missing or stale, or a change still
   * needs a manual edit.
   */
  async conclude(actor: Actor, roundId: string) {
    AccessPolicy.requireOffice(actor);
    return this.uow.run(async (em) => {
      const round = await loadRound(em, roundId, { lock: true });
      const status = roundMachine.next(round.status, 'conclude');
      const undecided = await countUndecided(em, roundId);
      if (undecided.count > 0) {
        throw AdoptionErrors.undecidedItems(undecided.count, undecided);
      }
      const adoption = await this.requireAdoption(em, roundId);
      if (adoption.stale) throw AdoptionErrors.nextVersionStale({ versionId: adoption.nextVersionId });
      const pending: { id: string; manualReason: string; total: number }[] = await em.query(
        `SELECT id, manual_reason AS "manualReason", count(*) OVER ()::int AS total FROM version_change
          WHERE to_version_id = $1 AND status = 'needs_manual_edit' ORDER BY created_at, id LIMIT 5`,
        [adoption.nextVersionId],
      );
      if (pending.length) {
        throw AdoptionErrors.manualEditsPending(pending[0].total, { count: pending[0].total, first: pending.map(({ total: _t, ...p }) => p) });
      }
      const now = this.clock.now();
      const published = await this.drafting.publishEditing(em, adoption.nextVersionId, now);
      await this.rounds.markConcluded(em, roundId, round.status, now);
      await recordAudit(em, [
        { actorUserId: actor.userId, action: 'round.concluded', entityType: 'consultation_round', entityId: roundId, data: { from: round.status, to: status, nextVersionId: adoption.nextVersionId } },
        ...(published ? [{ actorUserId: actor.userId, action: 'version.published', entityType: 'draft_version', entityId: adoption.nextVersionId, data: { roundId } }] : []),
      ]);
      const version = await this.drafting.getVersion(adoption.nextVersionId, em);
      return {
        round: { id: roundId, status, concludedAt: now },
        nextVersion: { id: version.id, seq: version.seq, label: version.label, title: version.title, status: version.status, publishedAt: version.publishedAt },
      };
    });
  }

  /**
   * 下一轮征求意见 on the published next version: a draft round with the same rules and, unless
   * changed, the same recipients, linked to this one (previousRoundId). The office reviews and launches it.
   */
  async startNextRound(actor: Actor, roundId: string, input: NextRoundInput) {
    AccessPolicy.requireOffice(actor);
    const em = this.dataSource.manager;
    const round = await loadRound(em, roundId);
    if (round.status !== 'concluded') throw AdoptionErrors.roundNotConcluded({ status: round.status });
    const adoption = await this.requireAdoption(em, roundId);
    const [rules]: { contactName: string; contactPhone: string; sealRequired: boolean; cityApproval: CityApprovalRule; silenceRule: SilenceRule; escalationEmails: string[] }[] = await em.query(
      `SELECT contact_name AS "contactName", contact_phone AS "contactPhone", seal_required AS "sealRequired", city_approval AS "cityApproval",
              silence_rule AS "silenceRule", escalation_emails AS "escalationEmails"
         FROM consultation_round WHERE id = $1`,
      [roundId],
    );
    const recipients: { unitId: string }[] = input.recipientUnitIds
      ? []
      : await em.query(`SELECT rr.unit_id AS "unitId" FROM round_recipient rr JOIN unit u ON u.id = rr.unit_id WHERE rr.round_id = $1 ORDER BY u.sort_order, u.short_name`, [roundId]);
    const created = await this.rounds.create(actor, {
      versionId: adoption.nextVersionId,
      roundNumber: round.roundNumber + 1,
      title: input.title,
      letterText: input.letterText,
      ...(input.deadlineWorkdays ? { deadlineWorkdays: input.deadlineWorkdays } : { deadlineDate: input.deadlineDate }),
      ...rules,
      recipientUnitIds: input.recipientUnitIds ?? recipients.map((r) => r.unitId),
    });
    // the round service knows nothing of adoption: the link is written right after, and can be derived anyway (round_adoption)
    await this.uow.run(async (tx) => {
      await this.rounds.linkPrevious(tx, created.id, roundId);
      await recordAudit(tx, { actorUserId: actor.userId, action: 'round.linked_to_previous', entityType: 'consultation_round', entityId: created.id, data: { previousRoundId: roundId, versionId: adoption.nextVersionId } });
    });
    return { ...created, previousRoundId: roundId };
  }

  async requireAdoption(em: EntityManager, roundId: string): Promise<RoundAdoption> {
    const adoption = await em.getRepository(RoundAdoption).findOne({ where: { roundId } });
    if (!adoption) throw AdoptionErrors.nextVersionMissing({ roundId });
    return adoption;
  }

  /** Regeneration: the earlier next version goes, unless a round uses it or it is published. */
  private async discard(em: EntityManager, actor: Actor, existing: RoundAdoption): Promise<void> {
    const old = await this.drafting.getVersion(existing.nextVersionId, em);
    requireEditable(old);
    const [{ used }] = await em.query(`SELECT EXISTS (SELECT 1 FROM consultation_round WHERE version_id = $1) AS used`, [old.id]);
    if (used) throw AdoptionErrors.nextVersionInUse({ versionId: old.id });
    await em.query(`UPDATE disposition SET change_id = NULL WHERE round_id = $1 AND change_id IS NOT NULL`, [existing.roundId]);
    await em.getRepository(RoundAdoption).delete(existing.id);
    await this.drafting.deleteVersion(em, old.id);
    await recordAudit(em, { actorUserId: actor.userId, action: 'version.discarded', entityType: 'draft_version', entityId: old.id, data: { roundId: existing.roundId, reason: 'regenerated' } });
  }
}

/** Adopted items as proposals to apply: the office's wording for a partial adoption, else the unit's. */
async function adoptedProposals(em: EntityManager, roundId: string): Promise<Proposal[]> {
  const rows: { itemId: string; lineageKey: string | null; kind: Proposal['kind']; quote: string; proposedText: string; decision: string; editedText: string | null }[] = await em.query(
    `SELECT i.id AS "itemId", CASE WHEN i.clause_id IS NULL THEN NULL ELSE coalesce(i.lineage_key, c.lineage_key) END AS "lineageKey",
            i.kind, i.quote, i.proposed_text AS "proposedText", d.decision, d.edited_text AS "editedText"
       FROM round_recipient rr
       JOIN sealed_item i ON i.submission_id = rr.latest_submission_id
       JOIN disposition d ON d.item_id = i.id AND d.decision IN ('adopted', 'partially_adopted')
       LEFT JOIN clause c ON c.id = i.clause_id
      WHERE rr.round_id = $1 AND rr.status = 'submitted'
      ORDER BY rr.unit_id, i.position`,
    [roundId],
  );
  return rows.map((r) => ({
    itemId: r.itemId,
    lineageKey: r.lineageKey,
    kind: r.kind,
    quote: r.quote,
    text: r.editedText ?? r.proposedText,
    automatic: r.decision === 'adopted' || r.editedText !== null,
  }));
}

/**
 * Change records in bulk, as multi-row VALUES in chunks: clause texts are long, and one parameter
 * per value spares PostgreSQL parsing (and the driver escaping) megabytes of array literals.
 */
async function insertChanges(
  em: EntityManager,
  rows: { id: string; roundId: string; fromVersionId: string; toVersionId: string; lineageKey: string | null; addedLineageKey: string | null; kind: string; status: string; manualReason: string | null; beforeText: string; afterText: string; itemIds: string[]; edits: unknown[] }[],
): Promise<void> {
  const COLUMNS = 13;
  const CHUNK = Math.floor(60_000 / COLUMNS);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const params: unknown[] = [];
    const values = chunk.map((r) => {
      const n = params.length;
      params.push(r.id, r.roundId, r.fromVersionId, r.toVersionId, r.lineageKey, r.addedLineageKey, r.kind, r.status, r.manualReason, r.beforeText, r.afterText, r.itemIds, JSON.stringify(r.edits));
      return `($${n + 1}::uuid, $${n + 2}::uuid, $${n + 3}::uuid, $${n + 4}::uuid, $${n + 5}::uuid, $${n + 6}::uuid, $${n + 7}, $${n + 8}, $${n + 9}, $${n + 10}, $${n + 11}, $${n + 12}::uuid[], $${n + 13}::jsonb)`;
    });
    await em.query(
      `INSERT INTO version_change (id, round_id, from_version_id, to_version_id, lineage_key, added_lineage_key, kind, status, manual_reason, before_text, after_text, item_ids, edits)
       VALUES ${values.join(', ')}`,
      params,
    );
  }
}

function requireEditable(version: DraftVersion): void {
  if (version.status === 'published' || version.lockedAt) {
    throw AdoptionErrors.nextVersionLocked({ versionId: version.id });
  }
}
