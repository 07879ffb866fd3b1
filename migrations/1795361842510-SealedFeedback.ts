import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sealed feedback: the unit names a receipt covers, the withdrawal reason, a sequence for tracking
 * numbers (unique across rounds and policies), and evidence scans that, like sealed rows, cannot be
 * changed, deleted or truncated once uploaded.
 */
export class SealedFeedback1795361842510 implements MigrationInterface {
  name = 'SealedFeedback1795361842510';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sealed_submission" ADD "unit_name" text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE "sealed_submission" ADD "acting_unit_name" text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE "sealed_submission" ADD "withdrawal_reason" text`);
    await q.query(`CREATE SEQUENCE "sealed_submission_tracking_seq" AS bigint START 1`);
    // Takes the round's chain lock and then reads the chain head in a statement of its own (a VOLATILE
    // function gets a fresh snapshot per statement), so the head includes the previous holder's commit.
    await q.query(`CREATE FUNCTION zq_lock_chain(p_round uuid) RETURNS TABLE (round_status text, chain_seq int, chain_hash text)
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('zq.chain.' || p_round::text, 0));
        RETURN QUERY
          SELECT r.status, s.chain_seq, s.chain_hash
            FROM consultation_round r
            LEFT JOIN LATERAL (SELECT x.chain_seq, x.chain_hash FROM sealed_submission x
                                WHERE x.round_id = r.id ORDER BY x.chain_seq DESC LIMIT 1) s ON true
           WHERE r.id = p_round;
      END $$`);
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
    await q.query(`DROP FUNCTION zq_lock_chain(uuid)`);
    await q.query(`DROP SEQUENCE "sealed_submission_tracking_seq"`);
    await q.query(`ALTER TABLE "sealed_submission" DROP COLUMN "withdrawal_reason"`);
    await q.query(`ALTER TABLE "sealed_submission" DROP COLUMN "acting_unit_name"`);
    await q.query(`ALTER TABLE "sealed_submission" DROP COLUMN "unit_name"`);
  }
}
