import { Injectable } from '@nestjs/common';
import { shanghaiDate } from '@zq/calendar';
import { Clock, metrics } from '@zq/common';
import { RecipientFacts, RecipientService, ReminderTarget } from '@zq/consultation';
import { HandlesJob, JobHandler, JobName, JobOutcome, UnitOfWork } from '@zq/jobs';
import { MailService } from '@zq/mail';
import { recordAudit } from '@zq/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { escalationMail, reminderMail, ReminderMailKind } from '../mail/reminder-mails';
import { reminderJobId } from '../schedule/reminder-job-id';

/** how early a job may run (by this server's clock) and still be retried rather than left to the sweep */
const EARLY_RETRY_MS = 60_000;

interface ClaimedReminder {
  id: string;
  round_id: string;
  recipient_id: string;
  unit_id: string;
  slot: string;
  generation: number;
  kind: string;
  due_at: Date;
  superseded: boolean;
}

/**
 * Why a reminder that fell due does not go out (the rules a unit's "why no reminder?" ends in):
 * the unit replied or was exempted, the round is no longer open, or a later step of the same plan
 * is due already (workers were down: only the latest goes out).
 */
export function reminderSkipReason(target: Pick<ReminderTarget, 'recipientStatus' | 'roundStatus'>, superseded: boolean): string | null {
  if (target.recipientStatus === 'submitted') return 'replied';
  if (target.recipientStatus === 'exempted') return 'exempted';
  if (target.roundStatus !== 'open') return 'round_not_open';
  if (superseded) return 'superseded';
  return null;
}

/**
 * 催办 when its time comes. The claim (scheduled → sent, in the same transaction as the mail it
 * composes) makes it fire once however often the job runs; the database is re-read under a lock
 * on the recipient, so a reply that lands a moment before gets no reminder.
 */
@Injectable()
@HandlesJob(JobName.FireReminder)
export class FireReminderHandler implements JobHandler<{ reminderId: string }> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly mail: MailService,
    private readonly facts: RecipientFacts,
    private readonly recipients: RecipientService,
  ) {}

  async handle({ reminderId }: { reminderId: string }): Promise<JobOutcome> {
    const outcome = await this.fire(reminderId);
    metrics.reminders.inc({ outcome: outcome.status === 'done' ? 'sent' : outcome.status, reason: outcome.status === 'skipped' ? outcome.reason : '' });
    return outcome;
  }

  private async fire(reminderId: string): Promise<JobOutcome> {
    // a row a burst's batch (or another run) already fired: done without a transaction or a lock
    const [state]: { status: string }[] = await this.dataSource.query(`SELECT status FROM reminder WHERE id = $1`, [reminderId]);
    if (!state) return { status: 'skipped', reason: 'reminder not found' };
    if (state.status !== 'scheduled') return { status: 'skipped', reason: `already ${state.status}` };
    return this.uow.run(async (em) => {
      const now = this.clock.now();
      // the reminder's own row first (no lock), then the round and recipient under consultation's
      // locks (round → recipient → reminder, as close, extension and submit take them)
      const [own]: { recipient_id: string }[] = await em.query(`SELECT recipient_id FROM reminder WHERE id = $1`, [reminderId]);
      const target = own ? await this.facts.forReminder(em, own.recipient_id) : null;
      if (!target) return { status: 'skipped', reason: 'reminder not found' };
      // the claim; it also tells whether a later step of the same plan is due already (workers
      // were down): then only the latest goes out
      const [claimed]: [ClaimedReminder[], number] = await em.query(
        `UPDATE reminder r SET status = 'sent', fired_at = $2
          WHERE r.id = $1 AND r.status = 'scheduled' AND r.due_at <= $2
          RETURNING r.id, r.round_id, r.recipient_id, r.unit_id, r.slot, r.generation, r.kind, r.due_at,
                    r.kind <> 'escalation' AND EXISTS (
                      SELECT 1 FROM reminder l WHERE l.recipient_id = r.recipient_id AND l.generation = r.generation
                         AND l.status <> 'cancelled' AND l.kind NOT IN ('escalation', 'manual') AND l.due_at > r.due_at AND l.due_at <= $2) AS superseded`,
        [reminderId, now],
      );
      const row = claimed[0];
      if (!row) return this.notClaimed(em, reminderId, now);

      const skipReason = reminderSkipReason(target, row.superseded);
      if (skipReason) return this.skip(em, row, skipReason);

      const facts = target.facts;
      const mailKey = reminderJobId({ roundId: row.round_id, unitId: row.unit_id, slot: row.slot, generation: row.generation });

      if (row.kind === 'escalation') {
        if (!target.escalationEmails.length) return this.skip(em, row, 'no_escalation_list');
        const units = await this.facts.overdue(em, row.round_id, now);
        if (!units.length) return this.skip(em, row, 'nobody_overdue');
        // one list per round and day, however many recipients' escalation steps fall due that day
        const dedupeKey = `escalation.${row.round_id}.${shanghaiDate(row.due_at)}`;
        const rendered = escalationMail({ organizer: facts.organizer, documentTitle: facts.documentTitle, now, url: this.facts.officeUrl(row.round_id), units });
        await this.mail.compose(em, [{ ...rendered, dedupeKey, purpose: 'escalation', to: target.escalationEmails.join(', '), roundId: row.round_id }]);
        return this.sent(em, row, dedupeKey, 'escalated', now, false);
      }

      if (!target.emails.length) return this.skip(em, row, 'no_contact');
      const rendered = reminderMail({ ...facts, unitName: target.unitName, forCity: target.unitKind === 'prefecture_city', kind: row.kind as ReminderMailKind, now });
      await this.mail.compose(em, [{ ...rendered, dedupeKey: mailKey, purpose: 'reminder', to: target.emails.join(', '), roundId: row.round_id, unitId: row.unit_id }]);
      return this.sent(em, row, mailKey, 'sent', now, true);
    });
  }

  private async notClaimed(em: EntityManager, reminderId: string, now: Date): Promise<JobOutcome> {
    const [current]: { status: string; due_at: Date }[] = await em.query(`SELECT status, due_at FROM reminder WHERE id = $1`, [reminderId]);
    if (!current) return { status: 'skipped', reason: 'reminder not found' };
    if (current.status !== 'scheduled') return { status: 'skipped', reason: `already ${current.status}` };
    // a job a little early by this server's clock (clock skew) retries with backoff instead of waiting for the sweep
    if (current.due_at.getTime() - now.getTime() <= EARLY_RETRY_MS) throw new Error(`reminder ${reminderId} is not due yet by this server's clock`);
    // left scheduled: the sweep runs it once the clock reaches its time
    return { status: 'skipped', reason: 'not due yet' };
  }

  private async skip(em: EntityManager, row: ClaimedReminder, reason: string): Promise<JobOutcome> {
    await em.query(`UPDATE reminder SET status = 'skipped', outcome = $2 WHERE id = $1`, [row.id, reason]);
    await recordAudit(em, { actorUserId: null, action: 'reminder.skipped', entityType: 'reminder', entityId: String(row.id), data: { slot: row.slot, unitId: row.unit_id, reason } });
    return { status: 'skipped', reason };
  }

  private async sent(em: EntityManager, row: ClaimedReminder, dedupeKey: string, outcome: string, now: Date, touchRecipient: boolean): Promise<JobOutcome> {
    await em.query(`UPDATE reminder SET outcome = $2, mail_id = (SELECT id FROM mail_message WHERE dedupe_key = $3) WHERE id = $1`, [row.id, outcome, dedupeKey]);
    if (touchRecipient) await this.recipients.markReminded(em, [row.recipient_id], now);
    await recordAudit(em, { actorUserId: null, action: 'reminder.sent', entityType: 'reminder', entityId: String(row.id), data: { slot: row.slot, unitId: row.unit_id, kind: row.kind } });
    return { status: 'done', detail: outcome };
  }
}
