import { mergedCategories } from '../../libs/drafting/src/renderer/merged-categories';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

const letter = readFileSync(join(__dirname, '..', 'fixtures', 'beautiful-towns-round2-letter.txt'), 'utf8');

interface Node {
  id: string;
  kind: string;
  label: string;
  number: number | null;
  heading: string;
  text: string;
  lineageKey: string;
  tableRows: string[][] | null;
  responsibilities: { name: string; isLead: boolean; unitId: string | null }[];
  children: Node[];
}
const flat = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
const shape = (nodes: Node[]): unknown[] =>
  nodes.map((n) => ({ kind: n.kind, label: n.label, heading: n.heading, text: n.text, rows: n.tableRows ? mergedCategories(n.tableRows) : n.tableRows, units: n.responsibilities.map((r) => [r.name, r.isLead]), children: shape(n.children) }));

describe('drafting API (import, versions, export, diff)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp('drafting');
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has the reference draft loaded in demo mode', async () => {
    const res = await t.http().get('/api/v1/policies').set('Authorization', admin).expect(200);
    expect(res.body[0].title).toBe('关于全面推进现代化美丽城镇建设的意见');
    expect(res.body[0].versions[0].label).toBe('二次征求意见稿');
  });

  let versionId: string;
  let policyId: string;
  it('imports the reference letter into a stored clause tree with resolved units and the letter facts', async () => {
    const res = await t.http().post('/api/v1/policies/import').set('Authorization', admin).send({ text: letter }).expect(201);
    expect(res.body).toMatchObject({ title: '关于全面推进现代化美丽城镇建设的意见（二次征求意见稿）', label: '二次征求意见稿', seq: 1 });
    expect(res.body.letter.contact).toEqual({ name: '陈泽', phone: '0571-89892005' });
    expect(res.body.letter.annexUnits).toHaveLength(23);
    ({ versionId, policyId } = res.body);
    const tree: Node[] = (await t.http().get(`/api/v1/versions/${versionId}/clauses`).set('Authorization', admin).expect(200)).body;
    const parts = tree.filter((n) => n.kind === 'part');
    expect(parts.map((p) => `${p.label}${p.heading}`)).toEqual(['一、总体要求', '二、主要任务', '三、保障措施']);
    const items = flat(tree).filter((n) => n.kind === 'item');
    expect(items.map((i) => i.number)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    const item1 = items[0];
    expect(item1.heading).toBe('提升市政设施品质');
    expect(item1.responsibilities.map((r) => r.name)).toEqual(['省建设厅', '省生态环境厅', '省交通运输厅', '省水利厅', '省农业农村厅', '省商务厅']);
    expect(item1.responsibilities[0].isLead).toBe(true);
    expect(item1.responsibilities.every((r) => r.unitId)).toBe(true);
    const table = flat(tree).find((n) => n.kind === 'table')!;
    expect(table.tableRows!.length).toBe(19); // header + 18 rows
  });

  it('exports .docx in official layout and re-imports it to the same tree', async () => {
    const res = await t.http().get(`/api/v1/versions/${versionId}/export`).query({ format: 'docx' }).set('Authorization', admin).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const again = await t.http().post('/api/v1/policies/import').set('Authorization', admin).send({ docxBase64: (res.body as Buffer).toString('base64') }).expect(201);
    const [a, b] = await Promise.all([versionId, again.body.versionId].map(async (id) => (await t.http().get(`/api/v1/versions/${id}/clauses`).set('Authorization', admin)).body));
    expect(shape(b)).toEqual(shape(a));
  });

  it('keeps lineage keys in a new version of the same policy and shows the redline', async () => {
    const edited = letter.replace('加大城镇路网设施建设', '加快城镇路网设施建设');
    const res = await t.http().post('/api/v1/policies/import').set('Authorization', admin).send({ text: edited, policyId, label: '送审稿' }).expect(201);
    expect(res.body.seq).toBe(2);
    const [a, b] = await Promise.all([versionId, res.body.versionId].map(async (id) => flat((await t.http().get(`/api/v1/versions/${id}/clauses`).set('Authorization', admin)).body)));
    expect(b.map((c) => c.lineageKey)).toEqual(a.map((c) => c.lineageKey));
    const diff = (await t.http().get(`/api/v1/versions/${versionId}/diff/${res.body.versionId}`).set('Authorization', admin).expect(200)).body;
    const changed = diff.changes.filter((c: { status: string }) => c.status === 'changed');
    expect(changed).toHaveLength(1);
    expect(changed[0].after.heading).toBe('提升市政设施品质');
    expect(changed[0].redline).toEqual(expect.arrayContaining([{ op: 'delete', text: '加大' }, { op: 'insert', text: '加快' }]));
  });

  it('refuses clause changes in PostgreSQL once a version is published', async () => {
    await t.http().post(`/api/v1/versions/${versionId}/publish`).set('Authorization', admin).expect(201);
    await expect(t.dataSource.query(`UPDATE clause SET text = 'x' WHERE version_id = $1`, [versionId])).rejects.toThrow(/cannot change/);
    const again = await t.http().post(`/api/v1/versions/${versionId}/publish`).set('Authorization', admin).expect(409);
    expect(again.body.code).toBe('VERSION_ALREADY_PUBLISHED');
  });

  it('hides drafts from units that were not asked about them', async () => {
    const unit = await t.login('省财政厅.drafter');
    const res = await t.http().get(`/api/v1/versions/${versionId}`).set('Authorization', unit).expect(404);
    expect(res.body.code).toBe('VERSION_NOT_FOUND');
    await t.http().get('/api/v1/policies').set('Authorization', unit).expect(403);
  });

  it('answers a bad import with a stable code and a Chinese message', async () => {
    const res = await t.http().post('/api/v1/policies/import').set('Authorization', admin).send({}).expect(400);
    expect(res.body.code).toBe('IMPORT_SOURCE_REQUIRED');
    const empty = await t.http().post('/api/v1/policies/import').set('Authorization', admin).send({ text: '   \n\n' }).expect(400);
    expect(empty.body.code).toMatch(/^IMPORT_/);
    expect(empty.body.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('imports any file by content (a regulation PDF, a .doc) and stores its chapters and articles', async () => {
    const pdf = readFileSync(join(__dirname, '../fixtures/drafts/regulation-gas-chapters.pdf')).toString('base64');
    const res = await t.http().post('/api/v1/policies/import').set('Authorization', admin).send({ fileBase64: pdf, fileName: '条例.pdf' }).expect(201);
    expect(res.body.title).toBe('浙江省城镇燃气管理条例（修订草案征求意见稿）');
    const version = await t.http().get(`/api/v1/versions/${res.body.versionId}`).set('Authorization', admin).expect(200);
    expect(version.body.clauses.map((c: { kind: string; label: string }) => `${c.kind}:${c.label}`).slice(0, 2)).toEqual(['chapter:第一章', 'chapter:第二章']);
    expect(version.body.clauses[0].children[0]).toMatchObject({ kind: 'article', label: '第一条' });
    const doc = readFileSync(join(__dirname, '../fixtures/drafts/regulation-gas-chapters.doc')).toString('base64');
    const preview = await t.http().post('/api/v1/policies/import/preview').set('Authorization', admin).send({ fileBase64: doc }).expect(201);
    expect(preview.body.clauses).toHaveLength(7);
  });

  it('refuses a scan, a password-protected PDF and a letter without its draft with IMPORT_* codes', async () => {
    const scan = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
    const a = await t.http().post('/api/v1/policies/import').set('Authorization', admin).send({ fileBase64: scan }).expect(400);
    expect(a.body).toMatchObject({ statusCode: 400, code: 'IMPORT_NO_TEXT_LAYER' });
    const locked = readFileSync(join(__dirname, '../fixtures/drafts/regulation-gas-chapters-password.pdf')).toString('base64');
    const b = await t.http().post('/api/v1/policies/import').set('Authorization', admin).send({ fileBase64: locked }).expect(400);
    expect(b.body.code).toBe('IMPORT_ENCRYPTED');
    const notice = readFileSync(join(__dirname, '../fixtures/drafts/web-copy-consultation.txt'), 'utf8');
    const preview = await t.http().post('/api/v1/policies/import/preview').set('Authorization', admin).send({ text: notice }).expect(201);
    expect(preview.body.letter.email).toBe('zjjst_csjs@zj.gov.cn');
    const c = await t.http().post('/api/v1/policies/import').set('Authorization', admin).send({ text: notice }).expect(400);
    expect(c.body.code).toBe('IMPORT_NO_CLAUSES');
    // as the review screen sends it: the preview's (empty) tree along with the text
    const sent = await t.http().post('/api/v1/policies/import').set('Authorization', admin).send({ text: notice, clauses: preview.body.clauses }).expect(400);
    expect(sent.body.code).toBe('IMPORT_NO_CLAUSES');
  });

  it('lets the office correct the tree of a version in editing, audited, and refuses it once published', async () => {
    const draft = '关于某项工作的意见\n\n一、主要任务\n1.提升设施。完善设施。这一句应是第2条。\n2.加强保障。做好保障。（责任单位：省建设厅、省水利厅）\n';
    const imported = await t.http().post('/api/v1/policies/import').set('Authorization', admin).send({ text: draft }).expect(201);
    const id = imported.body.versionId;
    const before = (await t.http().get(`/api/v1/versions/${id}`).set('Authorization', admin).expect(200)).body.clauses[0];
    const [first, second] = before.children;
    const res = await t
      .http()
      .patch(`/api/v1/versions/${id}/clauses`)
      .set('Authorization', admin)
      .send({ operations: [{ op: 'split', key: first.id, offset: first.text.indexOf('这一句') }, { op: 'set_lead', key: second.id, unit: '省水利厅' }] })
      .expect(200);
    const items = res.body.clauses[0].children;
    expect(items.map((c: { label: string }) => c.label)).toEqual(['1.', '2.', '3.']);
    expect(items[0]).toMatchObject({ id: first.id, lineageKey: first.lineageKey, text: '完善设施。' });
    expect(items[1]).toMatchObject({ text: '这一句应是第2条。' });
    expect(items[2]).toMatchObject({ id: second.id, label: '3.' });
    expect(items[2].responsibilities.map((r: { name: string; isLead: boolean }) => [r.name, r.isLead])).toEqual([['省建设厅', false], ['省水利厅', true]]);
    const bad = await t.http().patch(`/api/v1/versions/${id}/clauses`).set('Authorization', admin).send({ operations: [{ op: 'promote', key: res.body.clauses[0].id }] }).expect(400);
    expect(bad.body.code).toBe('TREE_EDIT_CANNOT_PROMOTE');
    const audit = await t.dataSource.query(`SELECT data FROM audit_event WHERE action = 'version.tree_edited' AND entity_id = $1`, [id]);
    expect(audit).toHaveLength(1);
    await t.http().post(`/api/v1/versions/${id}/publish`).set('Authorization', admin).expect(201);
    const locked = await t.http().patch(`/api/v1/versions/${id}/clauses`).set('Authorization', admin).send({ operations: [{ op: 'edit', key: first.id, text: '改' }] }).expect(422);
    expect(locked.body.code).toBe('VERSION_LOCKED');
    const unit = await t.login('省财政厅.drafter');
    await t.http().patch(`/api/v1/versions/${id}/clauses`).set('Authorization', unit).send({ operations: [{ op: 'edit', key: first.id, text: '改' }] }).expect(403);
  });

  it('corrects an import preview by clause paths, storing nothing', async () => {
    const preview = await t.http().post('/api/v1/policies/import/preview').set('Authorization', admin).send({ text: '关于某事的意见\n\n一、总体要求\n二、主要任务\n（一）提升设施。\n' }).expect(201);
    const res = await t.http().post('/api/v1/policies/import/preview/edit').set('Authorization', admin).send({ clauses: preview.body.clauses, numbering: 'per_section', operations: [{ op: 'demote', key: '1' }, { op: 'set_kind', key: '1', kind: 'section' }] });
    expect(res.body.code ?? res.status).toBe(201);
    expect(res.body.map((c: { label: string }) => c.label)).toEqual(['一、']);
    expect(res.body[0].children.map((c: { label: string; heading: string }) => `${c.label}${c.heading}`)).toEqual(['（一）主要任务']);
    const bad = await t.http().post('/api/v1/policies/import/preview/edit').set('Authorization', admin).send({ clauses: [{ kind: 'nonsense' }], operations: [{ op: 'edit', key: '0', text: 'x' }] }).expect(400);
    expect(bad.body.code).toBe('TREE_BAD_KIND');
  });

  it('corrects and saves a large draft through the preview (a tree of several MB, 2,000 clauses)', async () => {
    const sentence = '围绕城镇功能完善、环境整治、产业发展和治理能力提升，统筹推进各项具体工作，明确时间表、路线图和责任人，确保各项措施落到实处、取得实效。'.repeat(8);
    const parts = Array.from({ length: 20 }, (_, p) => [`${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'][p]}、第${p + 1}部分`, ...Array.from({ length: 99 }, (_, i) => `${i + 1}.任务${p + 1}-${i + 1}。${sentence}（责任单位：省建设厅、省水利厅）`)]);
    const draft = ['关于某项大规模工作的实施意见', '', ...parts.flat(), ''].join('\n');
    const parseStarted = Date.now();
    const preview = (await t.http().post('/api/v1/policies/import/preview').set('Authorization', admin).send({ text: draft }).expect(201)).body;
    const previewMs = Date.now() - parseStarted;
    const body = JSON.stringify({ clauses: preview.clauses, numbering: preview.numbering.items, operations: [{ op: 'demote', key: '0.1' }] });
    expect(Buffer.byteLength(body)).toBeGreaterThan(2 * 1024 * 1024); // above the default body limit
    const started = Date.now();
    const edited = await t.http().post('/api/v1/policies/import/preview/edit').set('Authorization', admin).set('Content-Type', 'application/json').send(body).expect(201);
    const editMs = Date.now() - started;
    if (process.env.ZQ_TIMINGS) console.log(`preview of ${draft.length} characters: ${previewMs} ms; preview/edit of ${Buffer.byteLength(body)} bytes: ${editMs} ms`);
    expect(edited.body[0].children[0].children[0]).toMatchObject({ kind: 'subitem', label: '（1）' });
    const saved = await t.http().post('/api/v1/policies/import').set('Authorization', admin).send({ text: draft, clauses: edited.body, numbering: preview.numbering.items }).expect(201);
    expect(saved.body.clauseCount).toBe(20 + 20 * 99);
    // a correction answers while the office waits (measured under the shared machine's load)
    expect(editMs).toBeLessThan(5000);
  });

  it('saves the tree the office corrected in the preview as sent, and refuses bad trees', async () => {
    const draft = '关于某项改革的实施意见\n\n一、总体要求\n（一）指导思想。坚持稳中求进。\n二、主要任务\n1.推进改革。深化改革。这一句应是第2条。（责任单位：省建设厅、省水利厅）\n3.强化保障。做好保障。\n';
    const preview = (await t.http().post('/api/v1/policies/import/preview').set('Authorization', admin).send({ text: draft }).expect(201)).body;
    // every clause carries a key; the numbering warning names the clause it is about
    expect(preview.clauses[1].children.map((c: { key: string }) => c.key)).toEqual(['1.0', '1.1']);
    expect(preview.warnings).toEqual([expect.objectContaining({ code: 'NUMBERING_GAP', line: 7, clause: '1.1' })]);
    const first = preview.clauses[1].children[0];
    const edited = await t
      .http()
      .post('/api/v1/policies/import/preview/edit')
      .set('Authorization', admin)
      .send({
        clauses: preview.clauses,
        numbering: preview.numbering.items,
        operations: [
          { op: 'split', key: '1.0', offset: first.text.indexOf('这一句') },
          { op: 'set_lead', key: '1.0', unit: '省水利厅' }, // the note went with the second part: refused
        ],
      })
      .expect(400);
    expect(edited.body).toMatchObject({ code: 'TREE_EDIT_UNIT_NOT_LISTED', details: { operation: 1 } });
    const split = (
      await t
        .http()
        .post('/api/v1/policies/import/preview/edit')
        .set('Authorization', admin)
        .send({ clauses: preview.clauses, numbering: preview.numbering.items, operations: [{ op: 'split', key: '1.0', offset: first.text.indexOf('这一句') }] })
        .expect(201)
    ).body;
    const added = split[1].children[1];
    expect(added.key).toMatch(/^n-/);
    // keys survive: the warning's clause is still the old 1.1 (now 3.), the new clause is addressed by its own key
    const corrected = (
      await t
        .http()
        .post('/api/v1/policies/import/preview/edit')
        .set('Authorization', admin)
        .send({
          clauses: split,
          numbering: preview.numbering.items,
          operations: [
            { op: 'move_note', key: added.key, to: '1.1' },
            { op: 'set_lead', key: '1.1', unit: '省水利厅' },
            { op: 'edit', key: '0.0', text: '坚持稳中求进，以改革促发展。' },
            { op: 'demote', key: '1' }, // 二、 under 一、: it becomes （二）, its 1. 2. 3. stay items
          ],
        })
        .expect(201)
    ).body;
    expect(corrected.map((c: { label: string }) => c.label)).toEqual(['一、']);
    const part = corrected[0];
    expect(part.children.map((c: { label: string; heading: string }) => `${c.label}${c.heading}`)).toEqual(['（一）指导思想', '（二）主要任务']);
    expect(part.children[1].children.map((c: { key: string; label: string }) => [c.key, c.label])).toEqual([['1.0', '1.'], [added.key, '2.'], ['1.1', '3.']]);
    // the units stay linked to the directory through corrections (looked up again on the server)
    expect(part.children[1].children[2].responsibleUnits).toEqual([
      { name: '省建设厅', isLead: false, unitId: expect.any(String) },
      { name: '省水利厅', isLead: true, unitId: expect.any(String) },
    ]);

    const saved = await t.http().post('/api/v1/policies/import').set('Authorization', admin).send({ text: draft, clauses: corrected, numbering: preview.numbering.items }).expect(201);
    expect(saved.body).toMatchObject({ title: '关于某项改革的实施意见', clauseCount: 6 });
    const tree: Node[] = (await t.http().get(`/api/v1/versions/${saved.body.versionId}/clauses`).set('Authorization', admin).expect(200)).body;
    const sent = (nodes: { kind: string; label: string; heading: string; text: string; responsibleUnits: { name: string; isLead: boolean }[]; children: unknown[] }[]): unknown[] =>
      nodes.map((n) => ({ kind: n.kind, label: n.label, heading: n.heading, text: n.text, units: n.responsibleUnits.map((u) => [u.name, u.isLead]), children: sent(n.children as never) }));
    expect(shape(tree).map(function noRows(n: any): unknown { const { rows: _r, ...rest } = n; return { ...rest, children: rest.children.map(noRows) }; })).toEqual(sent(corrected));
    // units are looked up again in the directory, not taken from the browser
    const moved = flat(tree).find((n) => n.label === '3.')!;
    expect(moved.responsibilities).toEqual([
      { name: '省建设厅', isLead: false, unitId: expect.any(String) },
      { name: '省水利厅', isLead: true, unitId: expect.any(String) },
    ]);

    const leaf = (extra: object) => ({ kind: 'paragraph', label: '', number: null, heading: '', text: '段落', responsibleUnits: [], children: [], ...extra });
    const bad: [unknown, string][] = [
      [[{ ...corrected[0], kind: 'volume' }], 'TREE_BAD_KIND'],
      [[{ ...part.children[1].children[0], children: [part] }], 'TREE_BAD_NESTING'],
      [[leaf({ label: '1.' })], 'TREE_BAD_LABEL'],
      [[leaf({ kind: 'table' })], 'TREE_BAD_TABLE'],
      [[leaf({ responsibleUnits: [{ name: '省建设厅', isLead: true }, { name: '省水利厅', isLead: true }] })], 'TREE_BAD_UNITS'],
      [[leaf({ text: '长'.repeat(100_001) })], 'TREE_TOO_LARGE'],
      [[], 'TREE_EMPTY'],
      [['一、总体要求'], 'TREE_EDIT_BAD_TREE'],
    ];
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM draft_version`))[0].n;
    for (const [clauses, expected] of bad) {
      const res = await t.http().post('/api/v1/policies/import').set('Authorization', admin).send({ text: draft, clauses });
      expect([expected, res.status, res.body.code]).toEqual([expected, 400, expected]);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM draft_version`))[0].n).toBe(before);
  });
});
