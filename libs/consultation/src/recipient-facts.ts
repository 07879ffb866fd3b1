import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CityApprovalRule, RecipientStatus, RoundStatus, SilenceRule } from './entities/round.entity';
import { ConsultationRound } from './entities/round.entity';
import type { RoundFacts } from './mail/round-mails';
import { MAILBOX_SQL, unitAddressBooks } from './recipient-sql';
import { RoundFactsReader } from './round-facts';

/** A recipient as a reminder about to fire sees it (read under the locks consultation's writers take). */
export interface ReminderTarget {
  recipientStatus: RecipientStatus;
  roundId: string;
  roundStatus: RoundStatus;
  /** the round's facts, with this recipient's (possibly extended) deadline */
  facts: RoundFacts;
  escalationEmails: string[];
  unitName: string;
  unitKind: string;
  emails: string[];
}

/** A unit past its deadline without a reply (the 电话催办 list). */
export interface OverdueUnit {
  unitName: string;
  deadline: Date;
  contacts: { name: string; phone: string | null }[];
}

/** A recipient a manual 催办 may go to. */
export interface RemindableRecipient {
  recipientId: string;
  unitId: string;
  status: RecipientStatus;
  deadline: Date;
}

/** What a reminder reads of one recipient, its round and its unit (REMINDER_ROW_SQL). */
interface ReminderRow {
  recipient_id: string;
  recipient_status: RecipientStatus;
  deadline_override: Date | null;
  round_id: string;
  round_status: RoundStatus;
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

/** The reminder read without its WHERE and locks: the single read waits for writers, the burst read skips them. */
const REMINDER_ROW_SQL = `
  SELECT rr.id AS recipient_id, rr.status AS recipient_status, rr.deadline_override, c.id AS round_id, c.status AS round_status,
         c.deadline, c.title, c.contact_name, c.contact_phone, c.seal_required, c.city_approval, c.silence_rule, c.escalation_emails,
         (SELECT v.title FROM draft_version v WHERE v.id = c.version_id) AS document_title,
         -- uncorrelated: PostgreSQL evaluates it once per statement, not per row
         (SELECT o.short_name FROM unit o WHERE o.kind = 'organizer' ORDER BY o.sort_order LIMIT 1) AS organizer,
         u.short_name AS unit_name, u.kind AS unit_kind, ${MAILBOX_SQL('u')} AS emails
    FROM round_recipient rr JOIN consultation_round c ON c.id = rr.round_id
    JOIN unit u ON u.id = rr.unit_id`;

/**
 * The read model consultation exposes to the reminders library: round and recipient facts, read
 * with the locks that keep a reminder from crossing a reply. Reminders never read or write
 * consultation's tables themselves.
 */
@Injectable()
export class RecipientFacts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly facts: RoundFactsReader,
  ) {}

  officeUrl(roundId: string): string {
    return this.facts.officeUrl(roundId);
  }

  /**
   * Everything a scheduled reminder's decision needs, in one read. Lock order round → recipient,
   * as close, extension and submit take them; the recipient lock is exclusive because the caller
   * then writes last_reminded_at (a share lock would have to be upgraded: deadlock).
   */
  async forReminder(em: EntityManager, recipientId: string): Promise<ReminderTarget | null> {
    const [row]: ReminderRow[] = await em.query(`${REMINDER_ROW_SQL} WHERE rr.id = $1 FOR SHARE OF c FOR NO KEY UPDATE OF rr`, [recipientId]);
    return row ? this.toReminderTarget(row) : null;
  }

  /**
   * forReminder for a burst of reminders at once, never waiting: a recipient (or round) locked by a
   * writer right now is left out (its reminder stays scheduled for its own job). Same locks as
   * forReminder; the result is keyed by recipient id.
   */
  async forReminders(em: EntityManager, recipientIds: string[]): Promise<Map<string, ReminderTarget>> {
    if (!recipientIds.length) return new Map();
    const rows: ReminderRow[] = await em.query(
      `${REMINDER_ROW_SQL} WHERE rr.id = ANY($1::uuid[]) ORDER BY rr.id FOR SHARE OF c SKIP LOCKED FOR NO KEY UPDATE OF rr SKIP LOCKED`,
      [recipientIds],
    );
    return new Map(rows.map((row) => [row.recipient_id, this.toReminderTarget(row)]));
  }

  /** One recipient's row as the reminder library sees it. */
  private toReminderTarget(t: ReminderRow): ReminderTarget {
    return {
      recipientStatus: t.recipient_status,
      roundId: t.round_id,
      roundStatus: t.round_status,
      facts: {
        organizer: t.organizer ?? '征求意见发起单位',
        title: t.title,
        documentTitle: t.document_title ?? t.title,
        deadline: t.deadline_override ?? t.deadline,
        contactName: t.contact_name,
        contactPhone: t.contact_phone,
        sealRequired: t.seal_required,
        cityApproval: t.city_approval,
        silenceRule: t.silence_rule,
        url: this.facts.portalUrl(t.round_id),
      },
      escalationEmails: t.escalation_emails,
      unitName: t.unit_name,
      unitKind: t.unit_kind,
      emails: t.emails,
    };
  }

  /** The units of the round past their (possibly extended) deadline at `now` without a reply or exemption. */
  async overdue(em: EntityManager, roundId: string, now: Date): Promise<OverdueUnit[]> {
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

  /**
   * For a manual 催办: the round (share-locked; null if there is none) and its recipients —
   * the given units, or every unit that has not replied — locked against a concurrent reply.
   */
  async forManualReminder(
    em: EntityManager,
    roundId: string,
    unitIds: string[] | null,
  ): Promise<{ status: 'open'; facts: RoundFacts; recipients: RemindableRecipient[] } | { status: Exclude<RoundStatus, 'open'> } | null> {
    const round = await em.getRepository(ConsultationRound).findOne({ where: { id: roundId }, lock: { mode: 'pessimistic_read' } });
    if (!round) return null;
    if (round.status !== 'open') return { status: round.status };
    const rows: { id: string; unit_id: string; status: RecipientStatus; deadline: Date }[] = await em.query(
      `SELECT rr.id, rr.unit_id, rr.status, coalesce(rr.deadline_override, c.deadline) AS deadline
         FROM round_recipient rr JOIN consultation_round c ON c.id = rr.round_id
        WHERE rr.round_id = $1 AND ($2::uuid[] IS NULL OR rr.unit_id = ANY($2::uuid[]))
          AND ($2::uuid[] IS NOT NULL OR rr.status NOT IN ('submitted', 'exempted'))
        ORDER BY rr.unit_id FOR NO KEY UPDATE OF rr`,
      [roundId, unitIds],
    );
    return {
      status: 'open',
      facts: await this.facts.read(em, round),
      recipients: rows.map((r) => ({ recipientId: r.id, unitId: r.unit_id, status: r.status, deadline: r.deadline })),
    };
  }

  async roundExists(roundId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT 1 FROM consultation_round WHERE id = $1`, [roundId]);
    return !!row;
  }
}
