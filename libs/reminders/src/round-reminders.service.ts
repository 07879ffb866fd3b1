import { Injectable } from '@nestjs/common';
import { AccessPolicy, Actor } from '@zq/access';
import { shanghaiDateTime } from '@zq/calendar';
import { Clock } from '@zq/common';
import { ConsultationErrors } from '@zq/consultation';
import { mailReason, RecipientFacts, RecipientService, unitAddressBooks } from '@zq/consultation';
import { UnitOfWork } from '@zq/jobs';
import { MailService } from '@zq/mail';
import { recordAudit } from '@zq/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { reminderMail } from './mail/reminder-mails';
import { ReconcileReport, ReminderQueue, SweepReport } from './queue/reminder-queue.service';
import { manualSlot, reminderJobId } from './schedule/reminder-job-id';

export interface ManualReminderResult {
  sent: { unitId: string; name: string; slot: string }[];
  skipped: { unitId: string; name: string; reason: string }[];
}

const SKIP_LABEL: Record<string, string> = { replied: '已反馈', exempted: '已豁免', no_contact: '无联系邮箱' };

@Injectable()
export class RoundRemindersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly mail: MailService,
    private readonly queue: ReminderQueue,
    private readonly facts: RecipientFacts,
    private readonly recipients: RecipientService,
  ) {}

  /**
   * 手动催办: to the given units, or to every unit that has not replied. Goes out at once, is
   * recorded as a 'manual' reminder row, and leaves the schedule as it is.
   */
  async sendManual(actor: Actor, roundId: string, input: { unitIds?: string[]; note?: string } = {}): Promise<ManualReminderResult> {
    AccessPolicy.requireOffice(actor);
    return this.uow.run(async (em) => {
      const now = this.clock.now();
      const explicit = input.unitIds?.length ? [...new Set(input.unitIds)] : null;
      const round = await this.facts.forManualReminder(em, roundId, explicit);
      if (!round) throw ConsultationErrors.roundNotFound({ id: roundId });
      if (round.status !== 'open') throw ConsultationErrors.roundNotOpen('催办', { status: round.status });
      const targets = round.recipients;
      if (explicit) {
        const found = new Set(targets.map((t) => t.unitId));
        const missing = explicit.filter((u) => !found.has(u));
        if (missing.length) throw ConsultationErrors.selectedUnitsNotRecipients({ unitIds: missing });
      }
      const manualSent = await this.manualCounts(em, targets.map((t) => t.recipientId));
      const books = await unitAddressBooks(em, targets.map((t) => t.unitId));
      const result: ManualReminderResult = { sent: [], skipped: [] };
      const rows: { recipientId: string; unitId: string; slot: string; dueAt: Date }[] = [];
      const mails = [];
      const facts = round.facts;
      for (const t of targets) {
        const book = books.get(t.unitId)!;
        const reason = t.status === 'submitted' ? 'replied' : t.status === 'exempted' ? 'exempted' : !book.emails.length ? 'no_contact' : null;
        if (reason) {
          result.skipped.push({ unitId: t.unitId, name: book.name, reason: SKIP_LABEL[reason] });
          continue;
        }
        const slot = manualSlot((manualSent.get(t.recipientId) ?? 0) + 1);
        rows.push({ recipientId: t.recipientId, unitId: t.unitId, slot, dueAt: now });
        const rendered = reminderMail({ ...facts, deadline: t.deadline, unitName: book.name, forCity: book.kind === 'prefecture_city', kind: 'manual', now, note: input.note?.trim() || undefined });
        mails.push({ ...rendered, dedupeKey: reminderJobId({ roundId, unitId: t.unitId, slot, generation: 0 }), purpose: 'manual_reminder', to: book.emails.join(', '), roundId, unitId: t.unitId });
        result.sent.push({ unitId: t.unitId, name: book.name, slot });
      }
      if (rows.length) {
        await this.mail.compose(em, mails);
        await this.recordManual(em, roundId, rows, actor.userId, now);
      }
      await recordAudit(em, {
        actorUserId: actor.userId,
        action: 'reminder.manual',
        entityType: 'consultation_round',
        entityId: roundId,
        data: { sent: result.sent.map((s) => s.unitId), skipped: result.skipped.map((s) => s.unitId), note: input.note ?? null },
      });
      return result;
    });
  }

  /** How many manual reminders each recipient has had (the next one's slot is manual-<n+1>). */
  private async manualCounts(em: EntityManager, recipientIds: string[]): Promise<Map<string, number>> {
    if (!recipientIds.length) return new Map();
    const rows: { recipient_id: string; n: number }[] = await em.query(
      `SELECT recipient_id, count(*)::int AS n FROM reminder WHERE recipient_id = ANY($1::uuid[]) AND kind = 'manual' GROUP BY recipient_id`,
      [recipientIds],
    );
    return new Map(rows.map((r) => [r.recipient_id, r.n]));
  }

  /** Rows already sent (status 'sent'), linked to their mails; the recipients' last reminder moves. */
  private async recordManual(em: EntityManager, roundId: string, rows: { recipientId: string; unitId: string; slot: string; dueAt: Date }[], by: string, now: Date) {
    await em.query(
      `INSERT INTO reminder (round_id, recipient_id, unit_id, slot, generation, kind, due_at, status, fired_at, outcome, requested_by, mail_id)
       SELECT $1::uuid, t.recipient_id, t.unit_id, t.slot, 0, 'manual', $5::timestamptz, 'sent', $5::timestamptz, 'manual', $6::uuid,
              (SELECT m.id FROM mail_message m WHERE m.dedupe_key = 'remind.' || $1::text || '.' || t.unit_id::text || '.' || t.slot || '.g0')
         FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS t(recipient_id, unit_id, slot)`,
      [roundId, rows.map((r) => r.recipientId), rows.map((r) => r.unitId), rows.map((r) => r.slot), now, by],
    );
    await this.recipients.markReminded(em, rows.map((r) => r.recipientId), now);
  }

  /** The schedule of a round (or of one unit in it), with what became of each reminder. */
  async list(actor: Actor, roundId: string, query: { unitId?: string; status?: string } = {}) {
    AccessPolicy.requireOffice(actor);
    const rows: { dueAt: Date; firedAt: Date | null; kind: string; slot: string }[] = await this.dataSource.query(
      `SELECT r.id, r.unit_id AS "unitId", u.short_name AS "unitName", r.slot, r.generation, r.kind, r.due_at AS "dueAt", r.status,
              r.outcome, r.fired_at AS "firedAt", r.enqueued_at IS NOT NULL AS enqueued, r.mail_id AS "mailId", r.requested_by AS "requestedBy"
         FROM reminder r JOIN unit u ON u.id = r.unit_id
        WHERE r.round_id = $1 AND ($2::uuid IS NULL OR r.unit_id = $2) AND ($3::text IS NULL OR r.status = $3)
        ORDER BY r.due_at, u.sort_order, r.id
        LIMIT 20000`,
      [roundId, query.unitId ?? null, query.status ?? null],
    );
    return rows.map((r) => ({
      ...r,
      dueLocal: shanghaiDateTime(r.dueAt),
      firedLocal: r.firedAt ? shanghaiDateTime(r.firedAt) : null,
      stepLabel: r.kind === 'manual' ? mailReason('manual_reminder', r.slot) : r.kind === 'escalation' ? '电话催办清单' : mailReason('reminder', r.slot),
    }));
  }

  /** Rebuilds the round's missing reminder jobs from its schedule rows (after a Redis flush). */
  async reconcile(actor: Actor, roundId: string): Promise<ReconcileReport> {
    AccessPolicy.requireOffice(actor);
    if (!(await this.facts.roundExists(roundId))) throw ConsultationErrors.roundNotFound({ id: roundId });
    return this.queue.reconcile({ roundId });
  }

  /** Runs now every reminder of the round that the clock says is due (catch-up after downtime). */
  async sweep(actor: Actor, roundId: string): Promise<SweepReport> {
    AccessPolicy.requireOffice(actor);
    return this.queue.sweepDue({ roundId });
  }
}
