import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mails carry attachments by reference (the bytes stay in their store, checked by SHA-256 at send
 * time); a round's generated letter files (the draft as Word, the 反馈意见表) are stored beside the
 * office's own, marked by origin.
 */
export class MailAttachments1795361843613 implements MigrationInterface {
  name = 'MailAttachments1795361843613';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "mail_message" ADD "attachments" jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE "round_attachment_file" ADD "origin" text NOT NULL DEFAULT 'office'`);
    await q.query(`ALTER TABLE "round_attachment_file" ADD CONSTRAINT "round_attachment_file_origin_chk" CHECK (origin IN ('office','draft','template'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "round_attachment_file" DROP CONSTRAINT "round_attachment_file_origin_chk"`);
    await q.query(`ALTER TABLE "round_attachment_file" DROP COLUMN "origin"`);
    await q.query(`ALTER TABLE "mail_message" DROP COLUMN "attachments"`);
  }
}
