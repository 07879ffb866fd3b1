import { MigrationInterface, QueryRunner } from 'typeorm';

/** Audit rows are evidence: PostgreSQL itself refuses to change or delete them. */
export class AuditAppendOnly1795361842171 implements MigrationInterface {
  name = 'AuditAppendOnly1795361842171';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION zq_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'rows of % are append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION zq_forbid_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_event_append_only ON audit_event`);
    await q.query(`DROP FUNCTION zq_forbid_change()`);
  }
}
