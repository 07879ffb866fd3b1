import { Inject, Injectable } from '@nestjs/common';
import { Clock, metrics } from '@zq/common';
import { RecipientFacts, RecipientService } from '@zq/consultation';
import { HandlesJob, JobHandler, JobName, JobOutcome, UnitOfWork } from '@zq/jobs';
import { ClaimedMail, ComposeMail, MailBatchSender, MailService } from '@zq/mail';
import { APP_CONFIG, AppConfig, AuditInput, recordAudit } from '@zq/persistence';
import { EntityManager } from 'typeorm';
import { reminderMail, ReminderMailKind } from '../mail/reminder-mails';
import { ReminderQueue } from '../queue/reminder-queue.service';
import { reminderJobId } from '../schedule/reminder-job-id';
import { reminderSkipReason } from './fire-reminder.handler';

/** how early by this server's clock a burst job may run and be retried (as for a single reminder) */
const EARLY_RETRY_MS = 60_000;
/** batches whose mails are still being sent while the next one is claimed (bounds how long a lease waits) */
const IN_FLIGHT = 2;

interface ClaimedRow {
  id: string;
  round_id: string;
  recipient_id: string;
  unit_id: string;
  slot: string;
  generation: number;
  kind: string;
  superseded: boolean;
}

export interface BurstReport {
  /** reminders claimed (sent or skipped by the rules) */
  claimed: number;
  sent: number;
  skipped: number;
}

interface BatchResult {
  report: BurstReport;
  candidates: number;
  /** composed already claimed: this job sends them after the commit */
  mails: ClaimedMail[];
  /** due rows whose recipient a writer held: left to their own jobs */
  leftOut: string[];
}

/**
 * A burst of reminders due at one instant (09:00 on a deadline day): claimed in batches of
 * REMINDER_BATCH_SIZE, each batch one transaction: the due rows (FOR UPDATE SKIP LOCKED, so several
 * workers share the load), their recipients under consultation's locks (a recipient a writer holds
 * right now is left to its reminder's own job), the skip rules for the batch, the mails rendered and
 * written in one statement. Exactly once as for a single reminder: the claim (scheduled → sent) is in
 * the transaction that composes the mail. The mails are written claimed (status 'sending' under a
 * lease) and this job sends them over the SMTP pool right after each commit (MailBatchSender), while
 * it claims the next batch: no queue job per reminder or per mail. Rows it leaves (their recipient
 * held by a writer) get their own jobs; if this job dies, BullMQ runs it again, the tick's sweep gives
 * what is still scheduled its own jobs, and the mail sweep re-sends mails whose lease ran out (same
 * Message-ID). Escalations are left to their own jobs (one list per round and day).
 */
@Injectable()
@HandlesJob(JobName.FireDueReminders)
export class FireDueRemindersHandler implements JobHandler<{ dueAt: string }> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly mail: MailService,
    private readonly sender: MailBatchSender,
    private readonly queue: ReminderQueue,
    private readonly facts: RecipientFacts,
    private readonly recipients: RecipientService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(payload: { dueAt?: string } = {}): Promise<JobOutcome> {
    const total = await this.fireDue();
    if (total.claimed) return { status: 'done', detail: `${total.sent} sent, ${total.skipped} skipped` };
    // a little early by this server's clock: retried with backoff instead of left to the sweep
    const dueAt = payload.dueAt ? new Date(payload.dueAt).getTime() : NaN;
    const ahead = dueAt - this.clock.now().getTime();
    if (ahead > 0 && ahead <= EARLY_RETRY_MS) throw new Error(`the burst due at ${payload.dueAt} is not due yet by this server's clock`);
    return { status: 'skipped', reason: 'nothing due' };
  }

  /**
   * Fires every reminder due by the clock, batch after batch, until a batch comes back short; each
   * batch's mails are sent while the next is claimed (at most IN_FLIGHT batches being sent).
   */
  async fireDue(): Promise<BurstReport> {
    const total: BurstReport = { claimed: 0, sent: 0, skipped: 0 };
    const sending: Promise<unknown>[] = [];
    const leftOut = new Set<string>();
    try {
      for (;;) {
        const result = await this.uow.run((em) => this.batch(em, this.clock.now()));
        total.claimed += result.report.claimed;
        total.sent += result.report.sent;
        total.skipped += result.report.skipped;
        for (const id of result.leftOut) leftOut.add(id);
        if (result.mails.length) {
          sending.push(this.sender.send(result.mails));
          if (sending.length >= IN_FLIGHT) await sending.shift();
        }
        if (result.candidates < this.config.reminderBatchSize || result.report.claimed === 0) break;
      }
    } finally {
      await Promise.allSettled(sending);
      // rows whose recipient a writer held: their own jobs wait for the lock (a row claimed meanwhile is skipped at once)
      if (leftOut.size) await this.queue.handOver([...leftOut]);
    }
    return total;
  }

  private async batch(em: EntityManager, now: Date): Promise<BatchResult> {
    const candidates: { id: string; recipient_id: string }[] = await em.query(
      `SELECT id, recipient_id FROM reminder
        WHERE status = 'scheduled' AND due_at <= $1 AND kind <> 'escalation'
        ORDER BY due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, this.config.reminderBatchSize],
    );
    const report: BurstReport = { claimed: 0, sent: 0, skipped: 0 };
    if (!candidates.length) return { report, candidates: 0, mails: [], leftOut: [] };
    const targets = await this.facts.forReminders(em, [...new Set(candidates.map((c) => c.recipient_id))]);
    const ids = candidates.filter((c) => targets.has(c.recipient_id)).map((c) => c.id);
    const leftOut = candidates.filter((c) => !targets.has(c.recipient_id)).map((c) => c.id);
    if (!ids.length) return { report, candidates: candidates.length, mails: [], leftOut };
    const [claimed]: [ClaimedRow[], number] = await em.query(
      `UPDATE reminder r SET status = 'sent', fired_at = $2
        WHERE r.id = ANY($1::bigint[]) AND r.status = 'scheduled' AND r.due_at <= $2
        RETURNING r.id, r.round_id, r.recipient_id, r.unit_id, r.slot, r.generation, r.kind,
                  r.kind <> 'escalation' AND EXISTS (
                    SELECT 1 FROM reminder l WHERE l.recipient_id = r.recipient_id AND l.generation = r.generation
                       AND l.status <> 'cancelled' AND l.kind NOT IN ('escalation', 'manual') AND l.due_at > r.due_at AND l.due_at <= $2) AS superseded`,
      [ids, now],
    );
    report.claimed = claimed.length;

    const skipped: { row: ClaimedRow; reason: string }[] = [];
    const mails: (ComposeMail & { row: ClaimedRow })[] = [];
    for (const row of claimed) {
      const target = targets.get(row.recipient_id)!;
      const reason = reminderSkipReason(target, row.superseded) ?? (target.emails.length ? null : 'no_contact');
      if (reason) {
        skipped.push({ row, reason });
        continue;
      }
      const rendered = reminderMail({ ...target.facts, unitName: target.unitName, forCity: target.unitKind === 'prefecture_city', kind: row.kind as ReminderMailKind, now });
      const dedupeKey = reminderJobId({ roundId: row.round_id, unitId: row.unit_id, slot: row.slot, generation: row.generation });
      mails.push({ ...rendered, dedupeKey, purpose: 'reminder', to: target.emails.join(', '), roundId: row.round_id, unitId: row.unit_id, row });
    }

    const audit: AuditInput[] = [];
    let claimedMails: ClaimedMail[] = [];
    if (skipped.length) {
      await em.query(
        `UPDATE reminder r SET status = 'skipped', outcome = s.reason FROM unnest($1::bigint[], $2::text[]) AS s(id, reason) WHERE r.id = s.id`,
        [skipped.map((s) => s.row.id), skipped.map((s) => s.reason)],
      );
      for (const { row, reason } of skipped) {
        metrics.reminders.inc({ outcome: 'skipped', reason });
        audit.push({ actorUserId: null, action: 'reminder.skipped', entityType: 'reminder', entityId: String(row.id), data: { slot: row.slot, unitId: row.unit_id, reason } });
      }
      report.skipped = skipped.length;
    }
    if (mails.length) {
      claimedMails = await this.mail.composeClaimed(
        em,
        mails.map(({ row: _row, ...m }) => m),
      );
      await em.query(
        `UPDATE reminder r SET outcome = 'sent', mail_id = m.id
           FROM unnest($1::bigint[], $2::text[]) AS s(id, dedupe_key) JOIN mail_message m ON m.dedupe_key = s.dedupe_key
          WHERE r.id = s.id`,
        [mails.map((m) => m.row.id), mails.map((m) => m.dedupeKey)],
      );
      await this.recipients.markReminded(em, [...new Set(mails.map((m) => m.row.recipient_id))], now);
      for (const { row } of mails) {
        audit.push({ actorUserId: null, action: 'reminder.sent', entityType: 'reminder', entityId: String(row.id), data: { slot: row.slot, unitId: row.unit_id, kind: row.kind } });
      }
      report.sent = mails.length;
      metrics.reminders.inc({ outcome: 'sent', reason: '' }, mails.length);
    }
    await recordAudit(em, audit);
    return { report, candidates: candidates.length, mails: claimedMails, leftOut };
  }
}
