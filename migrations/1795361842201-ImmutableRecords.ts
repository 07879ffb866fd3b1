import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What must not change is refused by PostgreSQL itself, not only by the code:
 * sealed replies, their items and reviews are append-only; the clauses of a version that is
 * published or used by a round (locked) cannot be inserted, changed or deleted.
 */
export class ImmutableRecords1795361842201 implements MigrationInterface {
  name = 'ImmutableRecords1795361842201';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['sealed_submission', 'sealed_item', 'submission_review']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION zq_forbid_change()`);
    }
    await q.query(`CREATE FUNCTION zq_version_is_frozen(version uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT EXISTS (SELECT 1 FROM draft_version v WHERE v.id = version AND (v.status = 'published' OR v.locked_at IS NOT NULL))
    $$`);
    await q.query(`CREATE FUNCTION zq_forbid_frozen_clause() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE v uuid;
      BEGIN
        IF TG_TABLE_NAME = 'clause' THEN
          v := CASE WHEN TG_OP = 'DELETE' THEN OLD.version_id ELSE NEW.version_id END;
          IF TG_OP = 'UPDATE' AND zq_version_is_frozen(OLD.version_id) THEN v := OLD.version_id; END IF;
        ELSE
          SELECT c.version_id INTO v FROM clause c WHERE c.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.clause_id ELSE NEW.clause_id END;
        END IF;
        IF v IS NOT NULL AND zq_version_is_frozen(v) THEN
          RAISE EXCEPTION 'version % is published or used by a round: its clauses cannot change', v USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER clause_frozen BEFORE INSERT OR UPDATE OR DELETE ON clause FOR EACH ROW EXECUTE FUNCTION zq_forbid_frozen_clause()`);
    await q.query(`CREATE TRIGGER clause_responsibility_frozen BEFORE INSERT OR UPDATE OR DELETE ON clause_responsibility FOR EACH ROW EXECUTE FUNCTION zq_forbid_frozen_clause()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER clause_responsibility_frozen ON clause_responsibility`);
    await q.query(`DROP TRIGGER clause_frozen ON clause`);
    await q.query(`DROP FUNCTION zq_forbid_frozen_clause()`);
    await q.query(`DROP FUNCTION zq_version_is_frozen(uuid)`);
    for (const table of ['sealed_submission', 'sealed_item', 'submission_review']) {
      await q.query(`DROP TRIGGER ${table}_append_only ON ${table}`);
    }
  }
}
