import type { EntityManager } from 'typeorm';
import type { ReminderKind } from '../schedule/reminder-policy';
import type { ReminderSlot } from '../schedule/reminder-schedule';

export interface ReminderRowInput {
  roundId: string;
  recipientId: string;
  unitId: string;
  slot: string;
  generation: number;
  kind: ReminderKind | 'manual';
  dueAt: Date;
}

export interface CancelledReminder {
  id: string;
  roundId: string;
  unitId: string;
  slot: string;
  generation: number;
}

const CHUNK = 10_000;

/** Inserts schedule rows in bulk (one statement per 10,000 rows, arrays through unnest). */
export async function insertReminderRows(em: EntityManager, rows: ReminderRowInput[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const result: { id: string }[] = await em.query(
      `INSERT INTO reminder (round_id, recipient_id, unit_id, slot, generation, kind, due_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::timestamptz[])
       RETURNING id`,
      [
        chunk.map((r) => r.roundId),
        chunk.map((r) => r.recipientId),
        chunk.map((r) => r.unitId),
        chunk.map((r) => r.slot),
        chunk.map((r) => r.generation),
        chunk.map((r) => r.kind),
        chunk.map((r) => r.dueAt),
      ],
    );
    inserted += result.length;
  }
  return inserted;
}

/** Cancels the still-scheduled reminders of these recipients (why: extension, exempted …) and returns them. */
export async function cancelScheduledReminders(em: EntityManager, recipientIds: string[], outcome: string): Promise<CancelledReminder[]> {
  const [rows] = await em.query(
    `UPDATE reminder SET status = 'cancelled', outcome = $2
      WHERE recipient_id = ANY($1::uuid[]) AND status = 'scheduled'
      RETURNING id, round_id AS "roundId", unit_id AS "unitId", slot, generation`,
    [recipientIds, outcome],
  );
  return rows;
}

/**
 * Launch: the same slots for every recipient of the round (they share its deadline), in one
 * statement per 10,000 recipients. Rows only: the scheduler tick makes jobs of them as they enter
 * the reminder horizon.
 */
export async function planRoundReminders(
  em: EntityManager,
  roundId: string,
  recipients: { recipientId: string; unitId: string }[],
  slots: ReminderSlot[],
): Promise<number> {
  let planned = 0;
  for (let i = 0; i < recipients.length; i += CHUNK) {
    const chunk = recipients.slice(i, i + CHUNK);
    const [{ count }]: { count: number }[] = await em.query(
      `WITH planned AS (
         INSERT INTO reminder (round_id, recipient_id, unit_id, slot, generation, kind, due_at)
         SELECT $1::uuid, r.recipient_id, r.unit_id, s.slot, 0, s.kind, s.due_at
           FROM unnest($2::uuid[], $3::uuid[]) AS r(recipient_id, unit_id)
          CROSS JOIN unnest($4::text[], $5::text[], $6::timestamptz[]) AS s(slot, kind, due_at)
         RETURNING 1
       ) SELECT count(*)::int AS count FROM planned`,
      [roundId, chunk.map((r) => r.recipientId), chunk.map((r) => r.unitId), slots.map((s) => s.slot), slots.map((s) => s.kind), slots.map((s) => s.dueAt)],
    );
    planned += count;
  }
  return planned;
}

/** The generation an extension's new plan for this recipient gets. */
export async function nextGeneration(em: EntityManager, recipientId: string): Promise<number> {
  const [{ next }] = await em.query(`SELECT coalesce(max(generation), 0) + 1 AS next FROM reminder WHERE recipient_id = $1`, [recipientId]);
  return Number(next);
}
