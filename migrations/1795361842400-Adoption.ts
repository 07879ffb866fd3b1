import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adoption (采纳): one current decision per sealed item (disposition), the changes of the next
 * version linked to the items that caused them (version_change), and each round's next version
 * (round_adoption). Once a round is concluded PostgreSQL refuses to change its decisions.
 */
export class Adoption1795361842400 implements MigrationInterface {
  name = 'Adoption1795361842400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "version_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "from_version_id" uuid NOT NULL, "to_version_id" uuid NOT NULL, "lineage_key" uuid, "added_lineage_key" uuid, "kind" text NOT NULL, "status" text NOT NULL, "manual_reason" text, "before_text" text NOT NULL DEFAULT '', "after_text" text NOT NULL DEFAULT '', "item_ids" uuid array NOT NULL, "edits" jsonb NOT NULL DEFAULT '[]', "resolved_by" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolution_note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "version_change_kind_chk" CHECK (kind IN ('modify','delete','add','other')), CONSTRAINT "version_change_status_chk" CHECK (status IN ('applied','needs_manual_edit','resolved')), CONSTRAINT "PK_3cd7eb4e2abddd3929b2adf8fc6" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "version_change_to_version_idx" ON "version_change"  ("to_version_id") `);
    await q.query(`CREATE INDEX "version_change_round_idx" ON "version_change"  ("round_id") `);
    await q.query(`CREATE TABLE "disposition" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "item_id" uuid NOT NULL, "decision" text NOT NULL, "reason" text NOT NULL DEFAULT '', "edited_text" text, "carry_over" boolean NOT NULL DEFAULT false, "change_id" uuid, "decided_by" uuid NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "disposition_carry_over_chk" CHECK (NOT carry_over OR decision IN ('not_adopted','noted')), CONSTRAINT "disposition_reason_chk" CHECK (decision IN ('adopted','noted') OR length(btrim(reason)) > 0), CONSTRAINT "disposition_decision_chk" CHECK (decision IN ('adopted','partially_adopted','not_adopted','noted')), CONSTRAINT "PK_dbff9c15e052cb007539963d1a9" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "disposition_change_idx" ON "disposition"  ("change_id") `);
    await q.query(`CREATE INDEX "disposition_round_idx" ON "disposition"  ("round_id") `);
    await q.query(`CREATE UNIQUE INDEX "disposition_item_uq" ON "disposition"  ("item_id") `);
    await q.query(`CREATE TABLE "round_adoption" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "next_version_id" uuid NOT NULL, "stale" boolean NOT NULL DEFAULT false, "generated_by" uuid NOT NULL, "generated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7773b66324d52295b3dc50663e1" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "round_adoption_next_version_idx" ON "round_adoption"  ("next_version_id") `);
    await q.query(`CREATE UNIQUE INDEX "round_adoption_round_uq" ON "round_adoption"  ("round_id") `);
    await q.query(`ALTER TABLE "version_change" ADD CONSTRAINT "FK_6557fa8f331323c159f230f707c" FOREIGN KEY ("round_id") REFERENCES "consultation_round"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "version_change" ADD CONSTRAINT "FK_0449efd500e9089b46a9919611a" FOREIGN KEY ("from_version_id") REFERENCES "draft_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "version_change" ADD CONSTRAINT "FK_dd5f3a856fd24ca2c21a9415b9f" FOREIGN KEY ("to_version_id") REFERENCES "draft_version"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "disposition" ADD CONSTRAINT "FK_852927f3bf24f033659590fc339" FOREIGN KEY ("round_id") REFERENCES "consultation_round"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "disposition" ADD CONSTRAINT "FK_5c07f7f912973447c0d843c3d5c" FOREIGN KEY ("item_id") REFERENCES "sealed_item"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "disposition" ADD CONSTRAINT "FK_c6f62c53b0e31e9333eaccef8e2" FOREIGN KEY ("change_id") REFERENCES "version_change"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "round_adoption" ADD CONSTRAINT "FK_8786a27649745a56a00f2cb5a7f" FOREIGN KEY ("round_id") REFERENCES "consultation_round"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "round_adoption" ADD CONSTRAINT "FK_7255e647aeb519cd6b6996d95c2" FOREIGN KEY ("next_version_id") REFERENCES "draft_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE FUNCTION zq_forbid_concluded_disposition() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.round_id ELSE NEW.round_id END;
      BEGIN
        IF EXISTS (SELECT 1 FROM consultation_round c WHERE c.id = r AND c.status = 'concluded') THEN
          RAISE EXCEPTION 'round % is concluded: its decisions cannot change', r USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER disposition_round_concluded BEFORE INSERT OR DELETE OR UPDATE OF round_id, item_id, decision, reason, edited_text, carry_over ON disposition
      FOR EACH ROW EXECUTE FUNCTION zq_forbid_concluded_disposition()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER disposition_round_concluded ON disposition`);
    await q.query(`DROP FUNCTION zq_forbid_concluded_disposition()`);
    await q.query(`ALTER TABLE "round_adoption" DROP CONSTRAINT "FK_7255e647aeb519cd6b6996d95c2"`);
    await q.query(`ALTER TABLE "round_adoption" DROP CONSTRAINT "FK_8786a27649745a56a00f2cb5a7f"`);
    await q.query(`ALTER TABLE "disposition" DROP CONSTRAINT "FK_c6f62c53b0e31e9333eaccef8e2"`);
    await q.query(`ALTER TABLE "disposition" DROP CONSTRAINT "FK_5c07f7f912973447c0d843c3d5c"`);
    await q.query(`ALTER TABLE "disposition" DROP CONSTRAINT "FK_852927f3bf24f033659590fc339"`);
    await q.query(`ALTER TABLE "version_change" DROP CONSTRAINT "FK_dd5f3a856fd24ca2c21a9415b9f"`);
    await q.query(`ALTER TABLE "version_change" DROP CONSTRAINT "FK_0449efd500e9089b46a9919611a"`);
    await q.query(`ALTER TABLE "version_change" DROP CONSTRAINT "FK_6557fa8f331323c159f230f707c"`);
    await q.query(`DROP INDEX "public"."round_adoption_round_uq"`);
    await q.query(`DROP INDEX "public"."round_adoption_next_version_idx"`);
    await q.query(`DROP TABLE "round_adoption"`);
    await q.query(`DROP INDEX "public"."disposition_item_uq"`);
    await q.query(`DROP INDEX "public"."disposition_round_idx"`);
    await q.query(`DROP INDEX "public"."disposition_change_idx"`);
    await q.query(`DROP TABLE "disposition"`);
    await q.query(`DROP INDEX "public"."version_change_round_idx"`);
    await q.query(`DROP INDEX "public"."version_change_to_version_idx"`);
    await q.query(`DROP TABLE "version_change"`);
  }
}
