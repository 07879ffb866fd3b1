import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const draft = join(root, 'test', 'fixtures', 'beautiful-towns-round2-letter.txt');
const reply = (name: string) => join(root, 'test', 'fixtures', 'replies', name);

/** DESIGN.md's contract: `npm run cli -- parse-reply REPLY --draft DRAFT --json`, no database needed. */
describe('cli parse-reply', () => {
  beforeAll(() => execFileSync('node', ['scripts/build.mjs'], { cwd: root }));

  const run = (...args: string[]) =>
    spawnSync('node', ['dist/apps/cli/src/main.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });

  it('prints a filled 反馈意见表 as DESIGN.md’s JSON, without a database', () => {
    const r = run('parse-reply', reply('jiaotong-filled.docx'), '--draft', draft, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['noComment', 'items', 'signatory', 'contact', 'phone', 'date', 'statesCityApproval']);
    expect(out).toMatchObject({ noComment: false, signatory: '李明', contact: '王芳', phone: '0571-83505678', date: '2023-05-22', statesCityApproval: false });
    expect(out.items[1]).toEqual({
      row: 2,
      clauseLabel: '9.',
      clausePath: ['二、', '（三）', '9.'],
      quote: '共富工坊',
      kind: 'modify',
      proposal: '共富工坊、来料加工点',
      reason: '表述更完整',
      resolved: true,
    });
    for (const item of out.items) {
      expect(Object.keys(item).filter((k) => !['row', 'clauseLabel', 'clausePath', 'quote', 'kind', 'proposal', 'reason', 'resolved', 'why'].includes(k))).toEqual([]);
    }
  });

  it('keeps unresolved paragraphs of a letter with why', () => {
    const out = JSON.parse(run('parse-reply', reply('ziranziyuan-letter-gbk.txt'), '--draft', draft, '--json').stdout);
    expect(out.items.map((i: { resolved: boolean }) => i.resolved)).toEqual([true, false, false]);
    expect(out.items[1].why).toMatch(/可指3处条款/);
  });

  it('reads a reply letter and a filled table as text PDFs (rendered by LibreOffice) as their sources', () => {
    const pdf = run('parse-reply', reply('ziranziyuan-letter.pdf'), '--draft', draft, '--json');
    expect(pdf.stderr).toBe('');
    expect(pdf.status).toBe(0);
    const unspaced = (s: string) => s.replace(/第 (\d+) 页/g, '第$1页');
    expect(JSON.parse(unspaced(pdf.stdout))).toEqual(JSON.parse(run('parse-reply', reply('ziranziyuan-letter-gbk.txt'), '--draft', draft, '--json').stdout));
    const table = JSON.parse(run('parse-reply', reply('jiaotong-filled.pdf'), '--draft', draft, '--json').stdout);
    expect(table.items[1]).toEqual({ row: 2, clauseLabel: '9.', clausePath: ['二、', '（三）', '9.'], quote: '共富工坊', kind: 'modify', proposal: '共富工坊、来料加工点', reason: '表述更完整', resolved: true });
  });

  it('prints a Chinese summary without --json', () => {
    const r = run('parse-reply', reply('minzheng-no-comment.txt'), '--draft', draft);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('反馈：无意见');
  });

  it('exits 2 with a stable code for a scan, a missing file or a missing --draft', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zq-reply-'));
    const scan = join(dir, 'scan.pdf');
    writeFileSync(scan, Buffer.from('ffd8ffe000104a464946', 'hex'));
    const img = run('parse-reply', scan, '--draft', draft, '--json');
    expect(img.status).toBe(2);
    expect(img.stderr).toMatch(/^\[REPLY_IMAGE_ONLY\] /);
    expect(run('parse-reply', join(dir, 'none.docx'), '--draft', draft).stderr).toMatch(/^\[REPLY_FILE_NOT_FOUND\]/);
    const usage = run('parse-reply', scan);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--draft/);
  });
});
