import { Injectable } from '@nestjs/common';
import { Clock } from '@zq/common';
import { HandlesJob, JobHandler, JobName, JobOutcome, UnitOfWork } from '@zq/jobs';
import { MailService } from '@zq/mail';
import { recordAudit } from '@zq/persistence';
import { reminderJobId, shanghaiDate } from '@zq/reminders';
import { EntityManager } from 'typeorm';
import { CityApprovalRule, RecipientStatus, SilenceRule } from './entities/round.entity';
import { escalationMail, EscalationLine, reminderMail, ReminderMailKind, RoundFacts } from './mail/round-mails';
import { MAILBOX_SQL, unitAddressBooks } from './recipient-sql';
import { RoundFactsReader } from './round-facts';

/** how early a job may run (by this server's clock) and still be retried rather than left to the sweep */
const EARLY_RETRY_MS = 60_000;

interface TargetRow {
  recipient_status: RecipientStatus;
  deadline_override: Date | null;
  round_id: string;
  round_status: string;
  deadline: Date;
  title: string;
  contact_name: string;
  contact_phone: string;
  seal_required: boolean;
  city_approval: CityApprovalRule;
  silence_rule: SilenceRule;
  escalation_emails: string[];
  document_title: string | null;
  organizer: string | null;
  unit_name: string;
  unit_kind: string;
  emails: string[];
}

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
 * 催办 when its time comes. The claim (scheduled → sent, in the same transaction as the mail it
 * composes) makes it fire once however often the job runs; the database is re-read under a lock
 * on the recipient, so a reply that lands a moment before gets no reminder.
 */
@Injectable()
@HandlesJob(JobName.FireReminder)
export class FireReminderHandler implements JobHandler<{ reminderId: string }> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly mail: MailService,
    private readonly facts: RoundFactsReader,
  ) {}

  async handle({ reminderId }: { reminderId: string }): Promise<JobOutcome> {
    return this.uow.run(async (em) => {
      const now = this.clock.now();
      // one read for everything the decision needs; lock order round → recipient → reminder, as
      // close, extension and submit take them. The recipient lock is exclusive because this
      // transaction writes last_reminded_at (a share lock would have to be upgraded: deadlock).
      const [target]: TargetRow[] = await em.query(
        `SELECT rr.status AS recipient_status, rr.deadline_override, c.id AS round_id, c.status AS round_status, c.deadline, c.title,
                c.contact_name, c.contact_phone, c.seal_required, c.city_approval, c.silence_rule, c.escalation_emails,
                (SELECT v.title FROM draft_version v WHERE v.id = c.version_id) AS document_title,
                (SELECT o.short_name FROM unit o WHERE o.kind = 'organizer' ORDER BY o.sort_order LIMIT 1) AS organizer,
                u.short_name AS unit_name, u.kind AS unit_kind, ${MAILBOX_SQL('u')} AS emails
           FROM reminder r JOIN round_recipient rr ON rr.id = r.recipient_id JOIN consultation_round c ON c.id = r.round_id
           JOIN unit u ON u.id = r.unit_id
          WHERE r.id = $1
            FOR SHARE OF c FOR NO KEY UPDATE OF rr`,
        [reminderId],
      );
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

      const skipReason =
        target.recipient_status === 'submitted'
          ? 'replied'
          : target.recipient_status === 'exempted'
            ? 'exempted'
            : target.round_status !== 'open'
              ? 'round_not_open'
              : row.superseded
                ? 'superseded'
                : null;
      if (skipReason) return this.skip(em, row, skipReason);

      const facts: RoundFacts = {
        organizer: target.organizer ?? '征求意见发起单位',
        title: target.title,
        documentTitle: target.document_title ?? target.title,
        deadline: target.deadline_override ?? target.deadline,
        contactName: target.contact_name,
        contactPhone: target.contact_phone,
        sealRequired: target.seal_required,
        cityApproval: target.city_approval,
        silenceRule: target.silence_rule,
        url: this.facts.portalUrl(row.round_id),
      };
      const mailKey = reminderJobId({ roundId: row.round_id, unitId: row.unit_id, slot: row.slot, generation: row.generation });

      if (row.kind === 'escalation') {
        if (!target.escalation_emails.length) return this.skip(em, row, 'no_escalation_list');
        const units = await this.overdueUnits(em, row.round_id, now);
        if (!units.length) return this.skip(em, row, 'nobody_overdue');
        // one list per round and day, however many recipients' escalation steps fall due that day
        const dedupeKey = `escalation.${row.round_id}.${shanghaiDate(row.due_at)}`;
        const rendered = escalationMail({ organizer: facts.organizer, documentTitle: facts.documentTitle, now, url: this.facts.officeUrl(row.round_id), units });
        await this.mail.compose(em, [{ ...rendered, dedupeKey, purpose: 'escalation', to: target.escalation_emails.join(', '), roundId: row.round_id }]);
        return this.sent(em, row, dedupeKey, 'escalated', now, false);
      }

      if (!target.emails.length) return this.skip(em, row, 'no_contact');
      const rendered = reminderMail({ ...facts, unitName: target.unit_name, forCity: target.unit_kind === 'prefecture_city', kind: row.kind as ReminderMailKind, now });
      await this.mail.compose(em, [{ ...rendered, dedupeKey: mailKey, purpose: 'reminder', to: target.emails.join(', '), roundId: row.round_id, unitId: row.unit_id }]);
      return this.sent(em, row, mailKey, 'sent', now, true);
    });
  }

  private async overdueUnits(em: EntityManager, roundId: string, now: Date): Promise<EscalationLine[]> {
    const rows: { unit_id: string; deadline: Date }[] = await em.query(
      `SELECT rr.unit_id, coalesce(rr.deadline_override, c.deadline) AS deadline
         FROM round_recipient rr JOIN consultation_round c ON c.id = rr.round_id JOIN unit u ON u.id = rr.unit_id
        WHERE rr.round_id = $1 AND rr.status NOT IN ('submitted', 'exempted') AND coalesce(rr.deadline_override, c.deadline) < $2
        ORDER BY (u.kind = 'prefecture_city'), u.sort_order, u.short_name`,
      [roundId, now],
    );
    const books = await unitAddressBooks(em, rows.map((r) => r.unit_id));
    return rows.map((r) => ({ unitName: books.get(r.unit_id)?.name ?? r.unit_id, deadline: r.deadline, contacts: books.get(r.unit_id)?.contacts ?? [] }));
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
    await em.query(
      `WITH r AS (UPDATE reminder SET outcome = $2, mail_id = (SELECT id FROM mail_message WHERE dedupe_key = $3) WHERE id = $1 RETURNING recipient_id)
       UPDATE round_recipient SET last_reminded_at = $4 WHERE $5::boolean AND id = (SELECT recipient_id FROM r)`,
      [row.id, outcome, dedupeKey, now, touchRecipient],
    );
    await recordAudit(em, { actorUserId: null, action: 'reminder.sent', entityType: 'reminder', entityId: String(row.id), data: { slot: row.slot, unitId: row.unit_id, kind: row.kind } });
    return { status: 'done', detail: outcome };
  }

}
