import { MigrationInterface, QueryRunner } from 'typeorm';

/** The large texts written on the seal path, and what they are compressed with when TOASTed. */
const COLUMNS: [table: string, column: string][] = [
  ['sealed_submission', 'canonical'],
  ['mail_message', 'text_body'],
  ['mail_message', 'html_body'],
];

/**
 * Sealed documents and mail bodies are compressed with lz4 instead of pglz: a 50-item submission's
 * canonical text (about 20 kB) is compressed inside the round's chain lock, and lz4 does it several
 * times faster for a slightly larger row. Rows already written keep their pglz form (PostgreSQL reads
 * both). A server built without lz4 keeps pglz: the migration then changes nothing.
 */
export class Lz4Compression1795361843700 implements MigrationInterface {
  name = 'Lz4Compression1795361843700';

  async up(q: QueryRunner): Promise<void> {
    await setCompression(q, 'lz4');
  }

  async down(q: QueryRunner): Promise<void> {
    await setCompression(q, 'default');
  }
}

async function setCompression(q: QueryRunner, method: 'lz4' | 'default'): Promise<void> {
  const alter = COLUMNS.map(([table, column]) => `ALTER TABLE "${table}" ALTER COLUMN "${column}" SET COMPRESSION ${method};`).join(' ');
  await q.query(`DO $$ BEGIN ${alter} EXCEPTION WHEN feature_not_supported THEN RAISE NOTICE 'lz4 not supported by this server: pglz kept'; END $$`);
}
