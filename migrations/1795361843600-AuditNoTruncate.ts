import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit is evidence like the sealed rows: TRUNCATE (which fires no row trigger, and which even a
 * superuser may run) is refused by a statement-level trigger, as UPDATE and DELETE already are.
 */
export class AuditNoTruncate1795361843600 implements MigrationInterface {
  name = 'AuditNoTruncate1795361843600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION zq_forbid_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_event_no_truncate ON audit_event`);
  }
}
