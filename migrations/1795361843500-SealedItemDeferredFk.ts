import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sealed item's foreign key to its submission is checked at commit: sealing writes a batch's items
 * before it takes the round's chain lock and the submission rows (which carry the chain position)
 * after, so the serialised part of a seal is only the chain itself.
 */
export class SealedItemDeferredFk1795361843500 implements MigrationInterface {
  name = 'SealedItemDeferredFk1795361843500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sealed_item" DROP CONSTRAINT "FK_1493d8b711400390544632670b0"`);
    await q.query(
      `ALTER TABLE "sealed_item" ADD CONSTRAINT "FK_1493d8b711400390544632670b0" FOREIGN KEY ("submission_id") REFERENCES "sealed_submission"("id") ON DELETE RESTRICT ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sealed_item" DROP CONSTRAINT "FK_1493d8b711400390544632670b0"`);
    await q.query(
      `ALTER TABLE "sealed_item" ADD CONSTRAINT "FK_1493d8b711400390544632670b0" FOREIGN KEY ("submission_id") REFERENCES "sealed_submission"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }
}
