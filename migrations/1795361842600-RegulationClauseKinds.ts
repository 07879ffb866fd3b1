import { MigrationInterface, QueryRunner } from 'typeorm';

/** Regulations: clauses may be chapters (第一章) and articles (第一条) as well. */
export class RegulationClauseKinds1795361842600 implements MigrationInterface {
  name = 'RegulationClauseKinds1795361842600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "clause" DROP CONSTRAINT "clause_kind_chk"`);
    await q.query(`ALTER TABLE "clause" ADD CONSTRAINT "clause_kind_chk" CHECK (kind IN ('part','section','item','subitem','paragraph','annex','table','chapter','article'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "clause" DROP CONSTRAINT "clause_kind_chk"`);
    await q.query(`ALTER TABLE "clause" ADD CONSTRAINT "clause_kind_chk" CHECK (kind IN ('part','section','item','subitem','paragraph','annex','table'))`);
  }
}
