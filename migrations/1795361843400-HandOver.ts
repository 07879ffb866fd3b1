import { MigrationInterface, QueryRunner } from 'typeorm';

/** 提交签发: a reply draft remembers which version its drafter handed to the approver, when and by whom. */
export class HandOver1795361843400 implements MigrationInterface {
  name = 'HandOver1795361843400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "feedback_draft" ADD "handed_over_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "feedback_draft" ADD "handed_over_by" uuid`);
    await q.query(`ALTER TABLE "feedback_draft" ADD "handed_over_version" integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "feedback_draft" DROP COLUMN "handed_over_version"`);
    await q.query(`ALTER TABLE "feedback_draft" DROP COLUMN "handed_over_by"`);
    await q.query(`ALTER TABLE "feedback_draft" DROP COLUMN "handed_over_at"`);
  }
}
