import { Injectable } from '@nestjs/common';
import { Clock } from '@zq/common';
import { HandlesJob, JobHandler, JobName, JobOutcome, UnitOfWork } from '@zq/jobs';
import { MailService } from '@zq/mail';
import { recordAudit } from '@zq/persistence';
import { reminderJobId, shanghaiDate } from '@zq/reminders';
import { EntityManager } from 'typeorm';
import { ConsultationRound, RecipientStatus } from './entities/round.entity';
import { escalationMail, EscalationLine, reminderMail, ReminderMailKind } from './mail/round-mails';
import { unitAddressBooks } from './recipient-sql';
import { RoundFactsReader } from './round-facts';

interface ClaimedReminder {
  id: string;
  round_id: string;
  recipient_id: string;
  unit_id: string;
  slot: string;
  generation: number;
  kind: string;
  due_at: Date;
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
      const [target]: { round_id: string; recipient_id: string }[] = await em.query(`SELECT round_id, recipient_id FROM reminder WHERE id = $1`, [reminderId]);
      if (!target) return { status: 'skipped', reason: 'reminder not found' };
      // lock order round → recipient → reminder, as close, extension and submit take them; the
      // recipient lock is exclusive because this transaction writes last_reminded_at (no share-lock upgrade)
      const round = await em.getRepository(ConsultationRound).findOne({ where: { id: target.round_id }, lock: { mode: 'pessimistic_read' } });
      const [recipient]: { status: RecipientStatus; deadline_override: Date | null }[] = await em.query(
        `SELECT status, deadline_override FROM round_recipient WHERE id = $1 FOR NO KEY UPDATE`,
        [target.recipient_id],
      );
      const [claimed]: [ClaimedReminder[], number] = await em.query(
        `UPDATE reminder SET status = 'sent', fired_at = $2
          WHERE id = $1 AND status = 'scheduled' AND due_at <= $2
          RETURNING id, round_id, recipient_id, unit_id, slot, generation, kind, due_at`,
        [reminderId, now],
      );
      const row = claimed[0];
      if (!row) return this.notClaimed(em, reminderId);

      const skipReason = !recipient || !round
        ? 'recipient_gone'
        : recipient.status === 'submitted'
          ? 'replied'
          : recipient.status === 'exempted'
            ? 'exempted'
            : round.status !== 'open'
              ? 'round_not_open'
              : row.kind !== 'escalation' && (await this.superseded(em, row, now))
                ? 'superseded'
                : null;
      if (skipReason) return this.skip(em, row, skipReason);

      const deadline = recipient.deadline_override ?? round!.deadline;
      const facts = await this.facts.read(em, { ...round!, deadline });
      const jobId = reminderJobId({ roundId: row.round_id, unitId: row.unit_id, slot: row.slot, generation: row.generation });

      if (row.kind === 'escalation') {
        if (!round!.escalationEmails.length) return this.skip(em, row, 'no_escalation_list');
        const units = await this.overdueUnits(em, row.round_id, now);
        if (!units.length) return this.skip(em, row, 'nobody_overdue');
        // one list per round and day, however many recipients' escalation steps fall due that day
        const dedupeKey = `escalation.${row.round_id}.${shanghaiDate(row.due_at)}`;
        const rendered = escalationMail({ organizer: facts.organizer, documentTitle: facts.documentTitle, now, url: this.facts.officeUrl(row.round_id), units });
        await this.mail.compose(em, [{ ...rendered, dedupeKey, purpose: 'escalation', to: round!.escalationEmails.join(', '), roundId: row.round_id }]);
        return this.sent(em, row, dedupeKey, 'escalated', now, false);
      }

      const book = (await unitAddressBooks(em, [row.unit_id])).get(row.unit_id);
      if (!book?.emails.length) return this.skip(em, row, 'no_contact');
      const rendered = reminderMail({ ...facts, unitName: book.name, forCity: book.kind === 'prefecture_city', kind: row.kind as ReminderMailKind, now });
      await this.mail.compose(em, [{ ...rendered, dedupeKey: jobId, purpose: 'reminder', to: book.emails.join(', '), roundId: row.round_id, unitId: row.unit_id }]);
      return this.sent(em, row, jobId, 'sent', now, true);
    });
  }

  /** A reminder whose later step is also due already (workers were down): send only the latest. */
  private async superseded(em: EntityManager, row: ClaimedReminder, now: Date): Promise<boolean> {
    const [hit] = await em.query(
      `SELECT 1 FROM reminder WHERE recipient_id = $1 AND generation = $2 AND status <> 'cancelled' AND kind NOT IN ('escalation', 'manual')
          AND due_at > $3 AND due_at <= $4 LIMIT 1`,
      [row.recipient_id, row.generation, row.due_at, now],
    );
    return !!hit;
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

  private async notClaimed(em: EntityManager, reminderId: string): Promise<JobOutcome> {
    const [current]: { status: string; due_at: Date }[] = await em.query(`SELECT status, due_at FROM reminder WHERE id = $1`, [reminderId]);
    if (!current) return { status: 'skipped', reason: 'reminder not found' };
    // left scheduled: the sweep runs it again once the clock reaches its time
    if (current.status === 'scheduled') return { status: 'skipped', reason: 'not due yet' };
    return { status: 'skipped', reason: `already ${current.status}` };
  }

  private async skip(em: EntityManager, row: ClaimedReminder, reason: string): Promise<JobOutcome> {
    await em.query(`UPDATE reminder SET status = 'skipped', outcome = $2 WHERE id = $1`, [row.id, reason]);
    await recordAudit(em, { actorUserId: null, action: 'reminder.skipped', entityType: 'reminder', entityId: String(row.id), data: { slot: row.slot, unitId: row.unit_id, reason } });
    return { status: 'skipped', reason };
  }

  private async sent(em: EntityManager, row: ClaimedReminder, dedupeKey: string, outcome: string, now: Date, touchRecipient: boolean): Promise<JobOutcome> {
    await em.query(
      `UPDATE reminder SET outcome = $2, mail_id = (SELECT id FROM mail_message WHERE dedupe_key = $3) WHERE id = $1`,
      [row.id, outcome, dedupeKey],
    );
    if (touchRecipient) await em.query(`UPDATE round_recipient SET last_reminded_at = $2 WHERE id = $1`, [row.recipient_id, now]);
    await recordAudit(em, { actorUserId: null, action: 'reminder.sent', entityType: 'reminder', entityId: String(row.id), data: { slot: row.slot, unitId: row.unit_id, kind: row.kind } });
    return { status: 'done', detail: outcome };
  }
}
