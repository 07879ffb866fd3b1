import { createScratchDatabase } from '../../bench/support/scratch-database';

/** The PostgreSQL server tests run against (the machine's own; TEST_PG_URL overrides). */
export const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh, empty database of its own for one test file; drop it when done. */
export function createTestDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  return createScratchDatabase(`zq_test_${label.slice(0, 30)}`, ADMIN_URL);
}
