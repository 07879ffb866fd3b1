import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as argon2 from 'argon2';
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

  it('writes a tree far over 64 KiB through a pipe whole (the process ends after stdout is flushed)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zq-cli-'));
    try {
      const parts = ['一', '二', '三'].map((n, p) => [
        `${n}、第${p + 1}部分`,
        ...Array.from({ length: 40 }, (_, i) => `（${'一二三四五六七八九十'[i % 10]}）第${i + 1}条。${'推进城镇建设，完善公共服务设施。'.repeat(20)}`),
      ]);
      const file = join(dir, 'big.txt');
      writeFileSync(file, ['关于加强测试工作的意见（征求意见稿）', '', ...parts.flat()].join('\n'));
      const r = run('import-draft', file, '--json');
      expect(r.status).toBe(0);
      expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(128 * 1024);
      expect(JSON.parse(r.stdout).clauses).toHaveLength(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with a coded Chinese message for a missing file', () => {
    const r = run('import-draft', '/nonexistent/draft.txt', '--json');
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/IMPORT_FILE_NOT_FOUND/);
  });
});

describe('cli import-draft: every format, any size', () => {
  const drafts = join(root, 'test', 'fixtures', 'drafts');
  const main = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
  const env = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
  beforeAll(() => execFileSync('node', ['scripts/build.mjs'], { cwd: root }));

  it.each(['regulation-gas-chapters.pdf', 'regulation-gas-chapters.doc', 'regulation-gas-chapters.docx'])('reads %s by its content (named .txt) into chapters and articles', (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'zq-cli-'));
    try {
      const renamed = join(dir, 'draft.txt');
      writeFileSync(renamed, readFileSync(join(drafts, name)));
      const r = spawnSync('node', [main, 'import-draft', renamed, '--json'], { cwd: root, encoding: 'utf8', env });
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.title).toBe('浙江省城镇燃气管理条例（修订草案征求意见稿）');
      expect(out.clauses.map((c: CliClause) => c.kind)).toEqual(Array(7).fill('chapter'));
      expect(flat(out.clauses).filter((c) => c.kind === 'article')).toHaveLength(34);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a tree of several hundred KiB arrives whole through a pipe read slowly, exit code kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zq-cli-'));
    try {
      const articles = Array.from({ length: 300 }, (_, i) => `第${i + 1}条 ${'县级以上人民政府应当加强城镇燃气安全管理，落实属地责任。'.repeat(12)}`);
      const file = join(dir, 'big.txt');
      writeFileSync(file, ['某某条例（草案）', '', ...articles].join('\n'));
      // the reader waits before reading, then reads 4 KiB at a time with pauses: the writer must wait, not exit
      const slow = `node -e "process.stdin.pause();setTimeout(()=>{process.stdin.on('readable',function r(){const c=process.stdin.read(4096);if(c){process.stdout.write(c);process.stdin.removeListener('readable',r);setTimeout(()=>{process.stdin.on('readable',r);process.stdin.read(0)},2)}})},500)"`;
      const out = execFileSync('bash', ['-o', 'pipefail', '-c', `node ${JSON.stringify(main)} import-draft ${JSON.stringify(file)} --json | ${slow}`], { cwd: root, env, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
      expect(Buffer.byteLength(out)).toBeGreaterThan(256 * 1024);
      const tree = JSON.parse(out);
      expect(tree.clauses).toHaveLength(300);
      expect(tree.clauses[299].label).toBe('第三百条');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cli command line', () => {
  const run = (...args: string[]) => spawnSync('node', ['dist/apps/cli/src/main.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });

  it('--help (and no command) prints the usage with every command and exits 0', () => {
    for (const args of [['--help'], ['-h'], []]) {
      const r = run(...args);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('用法：npm run cli -- <命令>');
      for (const name of ['import-draft', 'migrate', 'migration-generate', 'verify-round', 'create-admin']) expect(r.stdout).toContain(name);
    }
    const one = run('create-admin', '--help');
    expect(one.status).toBe(0);
    expect(one.stdout).toContain('--username');
  });

  it('an unknown command, an unknown option or a missing argument exits 2 naming the problem', () => {
    const unknown = run('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('不认识的命令：frobnicate');
    const option = run('import-draft', 'x.txt', '--jsno');
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('不认识的选项：--jsno');
    const missing = run('verify-round');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('缺少参数');
  });
});

describe('cli migrate', () => {
  it('applies every migration to an empty database once, then has nothing to do', async () => {
    const db = await createTestDatabase('cli_migrate');
    try {
      const env = { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'error' };
      const first = spawnSync('node', ['dist/apps/cli/src/main.js', 'migrate'], { cwd: root, encoding: 'utf8', env });
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/已执行 \d+ 个迁移/);
      const c = new Client({ connectionString: db.url });
      await c.connect();
      const { rows } = await c.query(`SELECT count(*)::int AS n FROM app_user`);
      await c.end();
      expect(rows).toEqual([{ n: 0 }]); // schema only: migrate seeds nothing
      const again = spawnSync('node', ['dist/apps/cli/src/main.js', 'migrate'], { cwd: root, encoding: 'utf8', env });
      expect(again.status).toBe(0);
      expect(again.stdout).toContain('没有要执行的迁移');
    } finally {
      await db.drop();
    }
  });
});

describe('cli create-admin', () => {
  it('creates the first admin of a production database with the password from stdin', async () => {
    const db = await createTestDatabase('cli_admin');
    try {
      const env = { ...process.env, DATABASE_URL: db.url, DEMO_MODE: 'false', LOG_LEVEL: 'error', DATA_DIR: join(root, '.data-test-cli') };
      const cli = (args: string[], input: string) => spawnSync('node', ['dist/apps/cli/src/main.js', 'create-admin', ...args], { cwd: root, encoding: 'utf8', env, input });
      // the password is never a command-line argument (it would show in ps and the shell history)
      const onCommandLine = cli(['--username', 'li', '--password', 'a-strong-password'], '');
      expect(onCommandLine.status).toBe(2);
      expect(onCommandLine.stderr).toContain('不认识的选项：--password');
      const noPassword = cli(['--username', 'li'], '');
      expect(noPassword.status).toBe(2);
      expect(noPassword.stderr).toContain('标准输入中没有密码');
      const r = cli(['--username', 'li', '--name', '李四'], 'a-strong-password\n');
      expect(r.stdout).toContain('已创建管理员 li');
      expect(r.status).toBe(0);
      const c = new Client({ connectionString: db.url });
      await c.connect();
      const { rows } = await c.query(`SELECT username, role, display_name FROM app_user`);
      await c.end();
      expect(rows).toEqual([{ username: 'li', role: 'office_admin', display_name: '李四' }]);
      const { rows: [stored] } = await (async () => {
        const c2 = new Client({ connectionString: db.url });
        await c2.connect();
        try {
          return await c2.query(`SELECT password_hash FROM app_user WHERE username = 'li'`);
        } finally {
          await c2.end();
        }
      })();
      expect(await argon2.verify(stored.password_hash, 'a-strong-password')).toBe(true); // the line, without its newline
      const again = cli(['--username', 'li'], 'a-strong-password\n');
      expect(again.status).not.toBe(0);
      expect(again.stderr).toContain('USERNAME_TAKEN');
    } finally {
      await db.drop();
      spawnSync('rm', ['-rf', join(root, '.data-test-cli')]);
    }
  });
});
