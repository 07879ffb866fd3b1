import { MigrationInterface, QueryRunner } from 'typeorm';

/** 代为录入: a sealed submission says how the reply came (portal, paper, OA exchange, fax, e-mail) and when the office received it. */
export class SubmissionChannel1795361842700 implements MigrationInterface {
  name = 'SubmissionChannel1795361842700';

  async up(q: QueryRunner): Promise<void> {
    // adding columns fires no row trigger: the immutability triggers on sealed_submission stay in force
    await q.query(`ALTER TABLE "sealed_submission" ADD "channel" text NOT NULL DEFAULT 'portal'`);
    await q.query(`ALTER TABLE "sealed_submission" ADD "received_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `ALTER TABLE "sealed_submission" ADD CONSTRAINT "sealed_submission_channel_chk" CHECK (channel IN ('portal','paper','oa_exchange','fax','email'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sealed_submission" DROP CONSTRAINT "sealed_submission_channel_chk"`);
    await q.query(`ALTER TABLE "sealed_submission" DROP COLUMN "received_at"`);
    await q.query(`ALTER TABLE "sealed_submission" DROP COLUMN "channel"`);
  }
}
