import { MigrationInterface, QueryRunner } from 'typeorm';

/** Failed sign-ins per user name and per address, with the lock they earn. */
export class LoginThrottle1795361842610 implements MigrationInterface {
  name = 'LoginThrottle1795361842610';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "login_throttle" ("key" text NOT NULL, "failures" integer NOT NULL DEFAULT '0', "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_login_throttle_key" PRIMARY KEY ("key"))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "login_throttle"`);
  }
}
