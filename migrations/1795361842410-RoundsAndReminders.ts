import { MigrationInterface, QueryRunner } from 'typeorm';

/** Draft rounds keep their recipient list and a working-day deadline; the reminder relay gets its work-list index. */
export class RoundsAndReminders1795361842410 implements MigrationInterface {
  name = 'RoundsAndReminders1795361842410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "consultation_round" ADD "deadline_workdays" integer`);
    await q.query(`ALTER TABLE "consultation_round" ADD "recipient_unit_ids" uuid array NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX "reminder_unenqueued_idx" ON "reminder" ("id") WHERE status = 'scheduled' AND enqueued_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."reminder_unenqueued_idx"`);
    await q.query(`ALTER TABLE "consultation_round" DROP COLUMN "recipient_unit_ids"`);
    await q.query(`ALTER TABLE "consultation_round" DROP COLUMN "deadline_workdays"`);
  }
}
