import type { DataSource } from 'typeorm';

/**
 * One session advisory lock for everything a process does to the database's shape or its first
 * content: migrations and the demo seed. api and worker processes starting together on an empty
 * database take turns; the second finds the work done (no duplicate type, no duplicate key).
 */
export const SCHEMA_LOCK_KEY = `hashtextextended('zq.schema', 0)`; // named like the reminder tick's and the chains' locks

export async function withSchemaLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(${SCHEMA_LOCK_KEY})`);
    try {
      return await work();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(${SCHEMA_LOCK_KEY})`).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}

/** Applies the pending migrations, one process at a time; returns the names applied here. */
export async function migrateUnderLock(dataSource: DataSource): Promise<string[]> {
  return withSchemaLock(dataSource, async () => (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name));
}
