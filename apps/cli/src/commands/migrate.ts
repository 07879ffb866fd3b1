import { buildDataSourceOptions, loadConfig, migrateUnderLock } from '@zq/persistence';
import { allEntities } from '@zq/runtime';
import { DataSource } from 'typeorm';
import type { CliIo } from '../main';

/**
 * `migrate`: applies every pending migration to DATABASE_URL and exits — the one-shot step a
 * deployment runs before the api and worker start (compose: the `migrate` service).
 */
export async function migrateCommand(io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  if (!config.databaseUrl) {
    io.err.write('[USAGE] migrate 需要 DATABASE_URL（内置数据库在 npm start 时自动迁移）\n');
    return 2;
  }
  const ds = new DataSource(buildDataSourceOptions(config.databaseUrl, allEntities, { logging: ['error'] }));
  await ds.initialize();
  try {
    // the same lock as the api and worker take at start: running beside them is safe
    const applied = await migrateUnderLock(ds);
    io.out.write(applied.length ? `已执行 ${applied.length} 个迁移：\n${applied.map((m) => `  ${m}`).join('\n')}\n` : '数据库已是最新，没有要执行的迁移。\n');
    return 0;
  } finally {
    await ds.destroy();
  }
}
