import { Injectable } from '@nestjs/common';
import { AccessPolicy, Actor, isOffice } from '@zq/access';
import { Clock } from '@zq/common';
import { CalendarErrors } from '@zq/calendar';
import { ConsultationErrors } from './errors';
import { DraftingService } from '@zq/drafting';
import { UnitOfWork } from '@zq/jobs';
import { recordAudit, SqlParam, sqlParams } from '@zq/persistence';
import { deadlineFromDate, isValidCalendarDate, shanghaiDateTime } from '@zq/calendar';
import { DataSource, EntityManager } from 'typeorm';
import { ConsultationRound, RecipientExtension, RecipientStatus, RoundStatus } from './entities/round.entity';
import { BOARD_LABEL, BoardState, boardStateSql } from './recipient-sql';
import { ReminderPlanner, RoundReminderPolicy } from './reminder-planner';
import { RecipientEvent, recipientMachine } from './state-machines';

interface RecipientRow {
  id: string;
  roundId: string;
  unitId: string;
  status: RecipientStatus;
  deadlineOverride: Date | null;
}

/** The units a user acts for: its own, and a city office's city. */
const unitsOf = (actor: Actor) => [actor.unitId, actor.parentUnitId].filter((u): u is string => !!u);

/** A sealed reply that moves its recipient (see RecipientService.markSubmitted). */
export interface SubmittedReply {
  recipientId: string;
  from: RecipientStatus;
  event: 'submit' | 'revise' | 'withdraw';
  replyKind: 'with_comments' | 'no_comment' | null;
  at: Date;
  submissionId: string;
}

@Injectable()
export class RecipientService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly drafting: DraftingService,
    private readonly reminders: ReminderPlanner,
  ) {}

  /** 我的征求意见: the rounds the user's unit (or its city) is asked in — open ones first, then 截止 and 办结 ones, which stay reachable. */
  async myRounds(actor: Actor) {
    if (isOffice(actor)) throw ConsultationErrors.unitOnly();
    const now = this.clock.now();
    const rows: {
      id: string;
      title: string;
      roundNumber: number;
      status: RoundStatus;
      unitId: string;
      unitName: string;
      deadline: Date;
      extended: boolean;
      recipientStatus: RecipientStatus;
      state: BoardState;
    }[] = await this.dataSource.query(
      `SELECT c.id, c.title, c.round_number AS "roundNumber", c.status, rr.unit_id AS "unitId", u.short_name AS "unitName",
              coalesce(rr.deadline_override, c.deadline) AS deadline, rr.deadline_override IS NOT NULL AS extended,
              rr.status AS "recipientStatus", ${boardStateSql('rr', 'coalesce(rr.deadline_override, c.deadline)', '$2')} AS state
         FROM round_recipient rr JOIN consultation_round c ON c.id = rr.round_id JOIN unit u ON u.id = rr.unit_id
        WHERE rr.unit_id = ANY($1::uuid[]) AND c.status <> 'draft'
        ORDER BY (c.status = 'open') DESC, CASE WHEN c.status = 'open' THEN coalesce(rr.deadline_override, c.deadline) END,
                 coalesce(rr.deadline_override, c.deadline) DESC, c.title`,
      [unitsOf(actor), now],
    );
    return rows.map((r) => ({ ...r, label: BOARD_LABEL[r.state], deadlineLocal: shanghaiDateTime(r.deadline) }));
  }

  /** One round as the unit sees it: the letter, the draft, its own deadline. Opening it marks it 已查看. */
  async myRound(actor: Actor, roundId: string) {
    if (isOffice(actor)) throw ConsultationErrors.unitOnly();
    const now = this.clock.now();
    const opened = await this.uow.run(async (em) => {
      const [mine]: (RecipientRow & { roundStatus: string })[] = await em.query(
        `SELECT rr.id, rr.round_id AS "roundId", rr.unit_id AS "unitId", rr.status, rr.deadline_override AS "deadlineOverride", c.status AS "roundStatus"
           FROM round_recipient rr JOIN consultation_round c ON c.id = rr.round_id
          WHERE rr.round_id = $1 AND rr.unit_id = ANY($2::uuid[]) AND c.status <> 'draft'
          ORDER BY (rr.unit_id = $3) DESC LIMIT 1 FOR NO KEY UPDATE OF rr`,
        [roundId, unitsOf(actor), actor.unitId],
      );
      // another unit's round reads as not found, never as forbidden
      if (!mine) throw ConsultationErrors.roundNotFoundForUnit({ id: roundId });
      AccessPolicy.requireUnitAccess(actor, mine.unitId, '该征求意见');
      if (recipientMachine.can(mine.status, 'view')) {
        await this.move(em, mine, 'view', { first_viewed_at: now });
        await recordAudit(em, { actorUserId: actor.userId, action: 'recipient.viewed', entityType: 'round_recipient', entityId: mine.id, data: { roundId, unitId: mine.unitId } });
      }
      return mine;
    });
    const round = await this.dataSource.getRepository(ConsultationRound).findOneOrFail({ where: { id: roundId } });
    const [row] = await this.dataSource.query(
      `SELECT rr.status, rr.reply_kind AS "replyKind", rr.first_viewed_at AS "firstViewedAt", rr.submitted_at AS "submittedAt",
              coalesce(rr.deadline_override, c.deadline) AS deadline, rr.deadline_override IS NOT NULL AS extended,
              ${boardStateSql('rr', 'coalesce(rr.deadline_override, c.deadline)', '$2')} AS state,
              u.short_name AS "unitName", u.kind AS "unitKind", v.title AS "versionTitle", v.label AS "versionLabel"
         FROM round_recipient rr JOIN consultation_round c ON c.id = rr.round_id JOIN unit u ON u.id = rr.unit_id
         JOIN draft_version v ON v.id = c.version_id
        WHERE rr.id = $1`,
      [opened.id, now],
    );
    return {
      round: { id: round.id, title: round.title, roundNumber: round.roundNumber, status: round.status, letterText: round.letterText },
      unit: { id: opened.unitId, name: row.unitName, kind: row.unitKind },
      myStatus: { status: row.status, state: row.state, label: BOARD_LABEL[row.state as BoardState], replyKind: row.replyKind, firstViewedAt: row.firstViewedAt, submittedAt: row.submittedAt },
      myDeadline: { deadline: row.deadline, deadlineLocal: shanghaiDateTime(row.deadline), extended: row.extended, roundDeadline: round.deadline },
      contact: { name: round.contactName, phone: round.contactPhone },
      rules: { sealRequired: round.sealRequired, cityApproval: row.unitKind === 'prefecture_city' ? round.cityApproval : null, silenceRule: round.silenceRule },
      version: { id: round.versionId, title: row.versionTitle, label: row.versionLabel },
      clauses: await this.drafting.listClauses(round.versionId),
    };
  }

  /**
   * Sealed replies landed (a seal batch, called by feedback in its transaction, the recipients
   * locked): each recipient moves by recipientMachine (submit, revise, or a sealed withdrawal back
   * to drafting) and records its latest reply, in one statement. Returns the rows updated.
   */
  async markSubmitted(em: EntityManager, replies: SubmittedReply[]): Promise<number> {
    if (!replies.length) return 0;
    const params: unknown[] = [];
    const [, count]: [unknown, number] = await em.query(this.markSubmittedSql(replies, sqlParams(params)), params);
    return count;
  }

  /** markSubmitted as the UPDATE for a data-modifying CTE of the caller's statement (the seal batch's one write before its chain lock). */
  markSubmittedSql(replies: SubmittedReply[], param: SqlParam): string {
    return `UPDATE round_recipient rr
          SET status = u.status, reply_kind = u.reply_kind, submitted_at = u.submitted_at, latest_submission_id = u.submission_id
         FROM unnest(${param(replies.map((r) => r.recipientId))}::uuid[], ${param(replies.map((r) => recipientMachine.next(r.from, r.event)))}::text[],
                     ${param(replies.map((r) => r.replyKind))}::text[], ${param(replies.map((r) => r.at))}::timestamptz[],
                     ${param(replies.map((r) => r.submissionId))}::uuid[]) AS u(recipient_id, status, reply_kind, submitted_at, submission_id)
        WHERE rr.id = u.recipient_id`;
  }

  /** 退回补正 (called by feedback in its transaction, the recipient locked): back to the unit for a corrected reply. */
  async markReturned(em: EntityManager, recipientId: string, from: RecipientStatus): Promise<RecipientStatus> {
    const to = recipientMachine.next(from, 'return');
    await em.query(`UPDATE round_recipient SET status = $2 WHERE id = $1`, [recipientId, to]);
    return to;
  }

  /** Reminders went out to these recipients at `at` (the board's 最近催办). */
  async markReminded(em: EntityManager, recipientIds: string[], at: Date): Promise<void> {
    if (!recipientIds.length) return;
    await em.query(`UPDATE round_recipient SET last_reminded_at = $2 WHERE id = ANY($1::uuid[])`, [recipientIds, at]);
  }

  /**
   * The unit saved its first draft (or a returned reply is being corrected): `from` → drafting,
   * unless the status changed meanwhile or the machine does not allow it (a submitted unit drafts
   * a revision without changing status). Returns the new status, or null if nothing moved.
   */
  async markDrafting(em: EntityManager, recipientId: string, from: RecipientStatus): Promise<RecipientStatus | null> {
    if (!recipientMachine.can(from, 'start_drafting')) return null;
    const to = recipientMachine.next(from, 'start_drafting');
    const [moved]: [unknown[], number] = await em.query(`UPDATE round_recipient SET status = $3 WHERE id = $1 AND status = $2 RETURNING id`, [recipientId, from, to]);
    return moved.length ? to : null;
  }

  /** 豁免: the office no longer expects a reply from this unit; its reminders stop. */
  async exempt(actor: Actor, roundId: string, unitId: string, reason: string) {
    AccessPolicy.requireOffice(actor);
    if (!reason?.trim()) throw ConsultationErrors.exemptionReasonRequired({ field: 'reason' });
    const stopped = await this.uow.run(async (em) => {
      const r = await this.recipientOf(em, roundId, unitId);
      await this.move(em, r, 'exempt', {});
      const plan = await this.reminders.stopped(em, { recipientIds: [r.id], reason: 'exempted' });
      await recordAudit(em, { actorUserId: actor.userId, action: 'recipient.exempted', entityType: 'round_recipient', entityId: r.id, data: { roundId, unitId, reason, cancelledReminders: plan.cancelled } });
      return plan;
    });
    await stopped.afterCommit();
    return { unitId, status: 'exempted' as const, cancelledReminders: stopped.cancelled };
  }

  /**
   * 延期: a later deadline for one unit, with a reason. Its future reminders are cancelled and a
   * new generation is planned from the new deadline; the board shows 已延期.
   */
  async extend(actor: Actor, roundId: string, unitId: string, input: { deadlineDate: string; reason: string }) {
    AccessPolicy.requireOffice(actor);
    if (!input.reason?.trim()) throw ConsultationErrors.extensionReasonRequired({ field: 'reason' });
    if (!isValidCalendarDate(input.deadlineDate)) throw CalendarErrors.invalidCalendarDate(input.deadlineDate, { field: 'deadlineDate' });
    const now = this.clock.now();
    const newDeadline = deadlineFromDate(input.deadlineDate);
    const { result, afterCommit } = await this.uow.run(async (em) => {
      const round = await em.getRepository(ConsultationRound).findOne({ where: { id: roundId }, lock: { mode: 'pessimistic_read' } });
      if (!round) throw ConsultationErrors.roundNotFound({ id: roundId });
      if (round.status !== 'open') throw ConsultationErrors.roundNotOpen('延期', { status: round.status });
      const r = await this.recipientOf(em, roundId, unitId);
      if (r.status === 'submitted' || r.status === 'exempted') {
        throw ConsultationErrors.recipientAlreadyReplied({ status: r.status });
      }
      const previous = r.deadlineOverride ?? round.deadline;
      if (newDeadline.getTime() <= previous.getTime()) {
        throw ConsultationErrors.extensionNotLater(shanghaiDateTime(previous), { field: 'deadlineDate', current: previous.toISOString() });
      }
      if (newDeadline.getTime() <= now.getTime()) throw ConsultationErrors.extensionInPast({ field: 'deadlineDate' });
      await em.getRepository(RecipientExtension).insert({ recipientId: r.id, previousDeadline: previous, newDeadline, reason: input.reason.trim(), grantedBy: actor.userId });
      await em.query(`UPDATE round_recipient SET deadline_override = $2 WHERE id = $1`, [r.id, newDeadline]);
      const plan = await this.reminders.moved(em, {
        roundId,
        recipientId: r.id,
        unitId,
        policy: round.reminderPolicy as unknown as RoundReminderPolicy,
        roundDeadline: round.deadline,
        deadline: newDeadline,
        now,
      });
      await recordAudit(em, {
        actorUserId: actor.userId,
        action: 'recipient.extended',
        entityType: 'round_recipient',
        entityId: r.id,
        data: { roundId, unitId, from: previous.toISOString(), to: newDeadline.toISOString(), reason: input.reason.trim(), generation: plan.generation },
      });
      return {
        afterCommit: plan.afterCommit,
        result: {
          unitId,
          previousDeadline: previous.toISOString(),
          deadline: newDeadline.toISOString(),
          deadlineLocal: shanghaiDateTime(newDeadline),
          generation: plan.generation,
          cancelledReminders: plan.cancelled,
          reminders: plan.reminders.map((s) => ({ slot: s.slot, kind: s.kind, dueAt: s.dueAt.toISOString(), dueLocal: shanghaiDateTime(s.dueAt) })),
        },
      };
    });
    await afterCommit();
    return result;
  }

  /** Extensions granted in a round (延期记录). */
  async extensions(actor: Actor, roundId: string) {
    AccessPolicy.requireOffice(actor);
    const rows: {
      id: string;
      unitId: string;
      unitName: string;
      previousDeadline: Date;
      newDeadline: Date;
      reason: string;
      grantedBy: string | null;
      grantedAt: Date;
    }[] = await this.dataSource.query(
      `SELECT e.id, rr.unit_id AS "unitId", u.short_name AS "unitName", e.previous_deadline AS "previousDeadline", e.new_deadline AS "newDeadline",
              e.reason, e.granted_by AS "grantedBy", e.granted_at AS "grantedAt"
         FROM recipient_extension e JOIN round_recipient rr ON rr.id = e.recipient_id JOIN unit u ON u.id = rr.unit_id
        WHERE rr.round_id = $1 ORDER BY e.granted_at`,
      [roundId],
    );
    return rows.map((r) => ({ ...r, previousLocal: shanghaiDateTime(r.previousDeadline), newLocal: shanghaiDateTime(r.newDeadline) }));
  }

  private async recipientOf(em: EntityManager, roundId: string, unitId: string): Promise<RecipientRow> {
    const [r] = await em.query(
      `SELECT id, round_id AS "roundId", unit_id AS "unitId", status, deadline_override AS "deadlineOverride"
         FROM round_recipient WHERE round_id = $1 AND unit_id = $2 FOR NO KEY UPDATE`,
      [roundId, unitId],
    );
    if (!r) throw ConsultationErrors.recipientNotFound({ roundId, unitId });
    return r;
  }

  /** Every status change goes through recipientMachine, guarded in SQL against a concurrent change. */
  private async move(em: EntityManager, r: RecipientRow, event: RecipientEvent, columns: Record<string, unknown>): Promise<void> {
    const to = recipientMachine.next(r.status, event);
    const names = Object.keys(columns);
    const sets = names.map((c, i) => `${c} = $${i + 4}`);
    const [, count] = await em.query(
      `UPDATE round_recipient SET ${['status = $2', ...sets].join(', ')} WHERE id = $1 AND status = ANY($3::text[])`,
      [r.id, to, [...recipientMachine.sources(event)], ...names.map((n) => columns[n])],
    );
    if (count !== 1) throw ConsultationErrors.recipientTransitionNotAllowed({ event });
    r.status = to;
  }
}
