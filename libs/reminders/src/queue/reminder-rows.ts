import type { EntityManager } from 'typeorm';
import type { ReminderKind } from '../schedule/reminder-policy';

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
