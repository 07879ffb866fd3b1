import { MigrationInterface, QueryRunner } from 'typeorm';

/** The files of a round's letter (附件), stored with their SHA-256. */
export class RoundAttachmentFiles1795361842710 implements MigrationInterface {
  name = 'RoundAttachmentFiles1795361842710';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "round_attachment_file" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "name" text NOT NULL, "mime" text NOT NULL,
        "size" integer NOT NULL, "sha256" text NOT NULL, "content" bytea NOT NULL, "uploaded_by" uuid, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_round_attachment_file" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "round_attachment_file_round_idx" ON "round_attachment_file" ("round_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "round_attachment_file"`);
  }
}
