import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sealed feedback: the unit names a receipt covers, the withdrawal reason, a sequence for tracking
 * numbers (unique across rounds and policies), the per-round chain head (its row lock serialises
 * appends), and evidence scans that, like sealed rows, cannot be changed, deleted or truncated.
 */
export class SealedFeedback1795361842510 implements MigrationInterface {
  name = 'SealedFeedback1795361842510';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sealed_submission" ADD "unit_name" text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE "sealed_submission" ADD "acting_unit_name" text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE "sealed_submission" ADD "withdrawal_reason" text`);
    await q.query(`CREATE SEQUENCE "sealed_submission_tracking_seq" AS bigint START 1`);
    await q.query(`CREATE TABLE "submission_chain_head" ("round_id" uuid NOT NULL, "seq" integer NOT NULL DEFAULT '0', "head" text, "prev_head" text, CONSTRAINT "PK_264dc395a2caeea075863a1afa0" PRIMARY KEY ("round_id"))`);
    await q.query(`CREATE TRIGGER evidence_file_append_only BEFORE UPDATE OR DELETE ON evidence_file
      FOR EACH ROW EXECUTE FUNCTION zq_forbid_change()`);
    for (const table of ['sealed_submission', 'sealed_item', 'submission_review', 'evidence_file']) {
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION zq_forbid_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['sealed_submission', 'sealed_item', 'submission_review', 'evidence_file']) {
      await q.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
    }
    await q.query(`DROP TRIGGER evidence_file_append_only ON evidence_file`);
    await q.query(`DROP TABLE "submission_chain_head"`);
    await q.query(`DROP SEQUENCE "sealed_submission_tracking_seq"`);
    await q.query(`ALTER TABLE "sealed_submission" DROP COLUMN "withdrawal_reason"`);
    await q.query(`ALTER TABLE "sealed_submission" DROP COLUMN "acting_unit_name"`);
    await q.query(`ALTER TABLE "sealed_submission" DROP COLUMN "unit_name"`);
  }
}
