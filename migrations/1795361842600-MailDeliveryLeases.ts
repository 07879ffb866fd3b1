import { MigrationInterface, QueryRunner } from 'typeorm';

/** Mail claims get a lease; failures a start time (retried for MAIL_RETRY_HOURS); rows name their live job. */
export class MailDeliveryLeases1795361842600 implements MigrationInterface {
  name = 'MailDeliveryLeases1795361842600';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "mail_message" ADD "lease_until" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "mail_message" ADD "failing_since" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "mail_message" ADD "job_id" text`);
    // a 'sending' row from before leases: its claim time plus the old two minutes
    await q.query(`UPDATE "mail_message" SET "lease_until" = "claimed_at" + interval '2 minutes' WHERE status = 'sending'`);
    // the sweep looks for unfinished mail only
    await q.query(`CREATE INDEX "mail_message_unfinished_idx" ON "mail_message" ("created_at") WHERE status IN ('queued', 'sending')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."mail_message_unfinished_idx"`);
    await q.query(`ALTER TABLE "mail_message" DROP COLUMN "job_id"`);
    await q.query(`ALTER TABLE "mail_message" DROP COLUMN "failing_since"`);
    await q.query(`ALTER TABLE "mail_message" DROP COLUMN "lease_until"`);
  }
}
