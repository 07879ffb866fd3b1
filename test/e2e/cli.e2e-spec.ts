import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from '../support/database';

const root = join(__dirname, '..', '..');
const fixture = join(root, 'test', 'fixtures', 'beautiful-towns-round2-letter.txt');

interface CliClause {
  kind: string;
  label: string;
  number: number | null;
  heading: string;
  text: string;
  responsibleUnits: { name: string; isLead: boolean }[];
  children: CliClause[];
}
const flat = (c: CliClause[]): CliClause[] => c.flatMap((x) => [x, ...flat(x.children)]);

/** The command-line contract in DESIGN.md: `npm run cli -- import-draft <file> --json`, no database needed. */
describe('cli import-draft', () => {
  beforeAll(() => execFileSync('node', ['scripts/build.mjs'], { cwd: root }));

  const run = (...args: string[]) => spawnSync('node', ['dist/apps/cli/src/main.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });

  it('prints the clause tree and the letter facts as JSON, without a database', () => {
    const r = run('import-draft', fixture, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.title).toBe('关于全面推进现代化美丽城镇建设的意见（二次征求意见稿）');
    expect(out.letter).toMatchObject({ contact: { name: '陈泽', phone: '0571-89892005' } });
    expect(out.letter.deadline).toMatch(/^2023-05-23/);
    expect(out.letter.rules).toEqual(expect.arrayContaining(['seal_required', 'city_approval_required', 'no_comment_must_be_written']));
    expect(out.letter.annexUnits).toHaveLength(23);
    expect(out.clauses.filter((c: CliClause) => c.kind === 'part').map((c: CliClause) => c.heading)).toEqual(['总体要求', '主要任务', '保障措施']);
    const item4 = flat(out.clauses).find((c) => c.kind === 'item' && c.number === 4)!;
    expect(item4.responsibleUnits.map((u) => u.name)).toEqual(['省建设厅', '省经信厅', '省广电局', '省通信管理局']);
    for (const c of flat(out.clauses)) expect(Object.keys(c)).toEqual(expect.arrayContaining(['kind', 'label', 'number', 'heading', 'text', 'responsibleUnits', 'children']));
  });

  it('exits 2 with a coded Chinese message for a missing file', () => {
    const r = run('import-draft', '/nonexistent/draft.txt', '--json');
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/IMPORT_FILE_NOT_FOUND/);
  });
});

describe('cli create-admin', () => {
  it('creates the first admin of a production database, who can then sign in', async () => {
    const db = await createTestDatabase('cli_admin');
    try {
      const env = { ...process.env, DATABASE_URL: db.url, DEMO_MODE: 'false', LOG_LEVEL: 'error', DATA_DIR: join(root, '.data-test-cli') };
      const r = spawnSync('node', ['dist/apps/cli/src/main.js', 'create-admin', '--username', 'li', '--password', 'a-strong-password', '--name', '李四'], { cwd: root, encoding: 'utf8', env });
      expect(r.stdout).toContain('已创建管理员 li');
      expect(r.status).toBe(0);
      const c = new Client({ connectionString: db.url });
      await c.connect();
      const { rows } = await c.query(`SELECT username, role, display_name FROM app_user`);
      await c.end();
      expect(rows).toEqual([{ username: 'li', role: 'office_admin', display_name: '李四' }]);
      const again = spawnSync('node', ['dist/apps/cli/src/main.js', 'create-admin', '--username', 'li', '--password', 'a-strong-password'], { cwd: root, encoding: 'utf8', env });
      expect(again.status).not.toBe(0);
      expect(again.stderr).toContain('USERNAME_TAKEN');
    } finally {
      await db.drop();
      spawnSync('rm', ['-rf', join(root, '.data-test-cli')]);
    }
  });
});
