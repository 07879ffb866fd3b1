import { buildDataSourceOptions } from '@zq/persistence';
import { allEntities } from '@zq/runtime';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

/** The SQL that would bring a migrated database in line with the entities (empty = no drift). */
export async function pendingSchemaChanges(url: string): Promise<{ up: string[]; down: string[] }> {
  const ds = new DataSource(buildDataSourceOptions(url, allEntities));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const log = await ds.driver.createSchemaBuilder().log();
    return { up: log.upQueries.map((q) => q.query), down: log.downQueries.map((q) => q.query).reverse() };
  } finally {
    await ds.destroy();
  }
}

/** `npm run cli -- migration-generate <Name>` against DATABASE_URL (a scratch database): writes migrations/<ts>-<Name>.ts to review. */
export async function migrationGenerateCommand(argv: string[]): Promise<number> {
  const name = argv[0];
  const url = process.env.DATABASE_URL;
  if (!name || !url) {
    process.stderr.write('用法：DATABASE_URL=postgres://…/scratch npm run cli -- migration-generate <Name>\n');
    return 2;
  }
  const { up, down } = await pendingSchemaChanges(url);
  if (!up.length) {
    process.stdout.write('实体与迁移一致，无需生成。\n');
    return 0;
  }
  const ts = Date.now();
  const q = (s: string) => '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  async up(q: QueryRunner): Promise<void> {
${up.map((s) => `    await q.query(${q(s)});`).join('\n')}
  }

  async down(q: QueryRunner): Promise<void> {
${down.map((s) => `    await q.query(${q(s)});`).join('\n')}
  }
}
`;
  const file = join(process.cwd(), 'migrations', `${ts}-${name}.ts`);
  await writeFile(file, body);
  process.stdout.write(`已生成 ${file}（${up.length} 条语句），请审阅后提交。\n`);
  return 0;
}
