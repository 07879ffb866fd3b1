import { ManualClock } from '@zq/common';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { aConsultedRound, aSealedReply, ConsultedRound } from '../support/adoption-factories';
import { canRenderOffice, officePart, officeParts, renderToPdf } from '../support/office-render';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The issue's "done when" on the reference round (二次征求意见 of 《关于全面推进现代化美丽城镇建设的意见》):
 * the office decides on every item, the decisions produce the 送审稿 with 省财政厅's wording in item 9,
 * the 意见采纳情况表 counts match, the 修改对照表 shows the redline, and in the next round 省财政厅
 * sees how its items were decided.
 */
describe('adoption on the reference round (real PostgreSQL, Redis, SMTP)', () => {
  const clock = new ManualClock(new Date('2023-05-25T10:00:00+08:00'));
  let t: TestApp;
  let r: ConsultedRound;
  let office: string;
  const items: Record<string, string> = {};
  let nextVersionId: string;
  let nextRoundId: string;

  const api = (path: string) => `/api/v1/rounds/${r.roundId}${path}`;
  const decide = (itemId: string, body: Record<string, unknown>) => t.http().put(api(`/items/${itemId}/disposition`)).set('Authorization', office).send(body);
  const binary = (res: NodeJS.ReadableStream & { setEncoding(e: string): void }, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  const download = async (path: string) => {
    const res = await t.http().get(path).set('Authorization', office).buffer(true).parse(binary as never);
    expect(res.status).toBe(200);
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp('adoption', { clock });
    office = await t.login('admin');
    r = await aConsultedRound(t, { recipients: ['省财政厅', '省公安厅', '省建设厅', '省自然资源厅', '省发展改革委', '杭州市', '宁波市', '温州市'] });
    const finance = await aSealedReply(t, r, '省财政厅', {
      items: [
        { item: 9, kind: 'modify', quote: '推动产业用地有机更新', proposedText: '推动产业用地有机更新，加大财政资金统筹支持力度', reason: '强化资金保障，与省级财政支持政策衔接' },
        { item: 18, kind: 'modify', quote: '探索建立“投建管运一体化”可持续机制', proposedText: '探索建立“投建管运一体化”可持续机制，不新增地方政府隐性债务', reason: '防范化解地方政府债务风险' },
      ],
    });
    [items.finance9, items.finance18] = finance.itemIds;
    await aSealedReply(t, r, '省公安厅', { kind: 'no_comment' });
    const hangzhou = await aSealedReply(t, r, '杭州市', {
      items: [
        { item: 9, kind: 'modify', quote: '推动产业用地有机更新', proposedText: '推动低效产业用地有机更新', reason: '聚焦低效用地再开发' },
        { item: 11, kind: 'add', proposedText: '强化产业人才支撑。完善人才引进、培养和激励政策，吸引各类人才到城镇创业就业。', reason: '人才是产业发展的关键' },
        { kind: 'other', proposedText: '建议加大对山区海岛县美丽城镇建设的倾斜支持', reason: '促进区域均衡发展' },
      ],
    });
    [items.hangzhou9, items.hangzhouAdd, items.hangzhouGeneral] = hangzhou.itemIds;
    const ningbo = await aSealedReply(t, r, '宁波市', {
      items: [{ item: 18, kind: 'modify', quote: '鼓励企业、社会组织、乡贤、居民积极参与', proposedText: '鼓励企业、社会组织、居民积极参与', reason: '乡贤的范围不易界定' }],
    });
    items.ningbo18 = ningbo.itemIds[0];
    // 省建设厅 corrected its reply: only the second revision counts
    await aSealedReply(t, r, '省建设厅', { items: [{ item: 1, kind: 'modify', quote: '倡导“小街区密路网”', proposedText: '倡导“窄马路密路网”' }] });
    const construction = await aSealedReply(t, r, '省建设厅', {
      items: [{ item: 1, kind: 'modify', quote: '加大城镇路网设施建设', proposedText: '完善城镇路网设施建设', reason: '表述更准确' }],
    });
    items.construction1 = construction.itemIds[0];
    const ndrc = await aSealedReply(t, r, '省发展改革委', { items: [{ item: 10, kind: 'other', quote: '积极打造浙江制造精品', reason: '建议与“浙江制造”品牌建设工作衔接' }] });
    items.ndrc10 = ndrc.itemIds[0];
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists every item of the latest revisions under its clause in document order, general comments apart', async () => {
    const res = await t.http().get(api('/feedback')).set('Authorization', office).expect(200);
    expect(res.body.counts).toEqual({ items: 8, adopted: 0, partiallyAdopted: 0, notAdopted: 0, noted: 0, undecided: 8 });
    expect(res.body.clauses.map((c: { ref: string }) => c.ref)).toEqual(['1.', '9.', '10.', '11.', '18.']);
    const item1 = res.body.clauses[0];
    expect(item1.items).toHaveLength(1);
    expect(item1.items[0]).toMatchObject({ unit: { name: '省建设厅' }, kind: 'modify', kindLabel: '修改', quote: '加大城镇路网设施建设', decision: null });
    expect(res.body.general).toEqual([expect.objectContaining({ id: items.hangzhouGeneral, unit: expect.objectContaining({ name: '杭州市' }), kind: 'other' })]);
    const filtered = await t.http().get(api(`/feedback?unitId=${r.unitId('省财政厅')}`)).set('Authorization', office).expect(200);
    expect(filtered.body.clauses.flatMap((c: { items: { id: string }[] }) => c.items.map((i) => i.id))).toEqual([items.finance9, items.finance18]);
    const byClause = await t.http().get(api(`/feedback?clauseId=${r.item(18).id}`)).set('Authorization', office).expect(200);
    expect(byClause.body.clauses[0].items.map((i: { unit: { name: string } }) => i.unit.name)).toEqual(['省财政厅', '宁波市']);
  });

  it('flags 省财政厅 and 杭州市 as conflicting on item 9 (same span, different wording)', async () => {
    const res = await t.http().get(api('/feedback')).set('Authorization', office).expect(200);
    const item9 = res.body.clauses.find((c: { ref: string }) => c.ref === '9.');
    expect(item9.conflicts).toEqual([{ itemIds: expect.arrayContaining([items.finance9, items.hangzhou9]) }]);
    expect(item9.items.find((i: { id: string }) => i.id === items.finance9).conflictsWith).toEqual([items.hangzhou9]);
    expect(res.body.conflictCount).toBe(1);
  });

  it('names responsible units that said nothing on their own clauses, not one that replied 无意见', async () => {
    const res = await t.http().get(api('/feedback')).set('Authorization', office).expect(200);
    const silent = new Map(res.body.silentResponsibleUnits.map((s: { unit: { name: string } }) => [s.unit.name, s]));
    expect(silent.get('省发展改革委')).toMatchObject({ replied: true, clauses: expect.arrayContaining([expect.objectContaining({ ref: '9.' })]) });
    expect(silent.get('省自然资源厅')).toMatchObject({ replied: false });
    expect(silent.has('省公安厅')).toBe(false);
    expect(silent.has('省财政厅')).toBe(false);
  });

  it('refuses 不采纳 without a reason', async () => {
    const res = await decide(items.ningbo18, { decision: 'not_adopted' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'DISPOSITION_REASON_REQUIRED', details: { field: 'reason' } });
  });

  it('records each decision with who and when, and keeps the earlier decision in the history', async () => {
    await decide(items.finance9, { decision: 'not_adopted', reason: '待研究' }).expect(200);
    const res = await decide(items.finance9, { decision: 'adopted' }).expect(200);
    expect(res.body.items[0].decision).toMatchObject({ decision: 'adopted', label: '采纳', decidedBy: { name: expect.any(String) } });
    expect(new Date(res.body.items[0].decision.decidedAt).toISOString()).toBe(clock.now().toISOString());
    const history = await t.http().get(api(`/items/${items.finance9}/disposition-history`)).set('Authorization', office).expect(200);
    expect(history.body.map((h: { data: { decision: string; previous: unknown } }) => [h.data.decision, h.data.previous])).toEqual([
      ['not_adopted', null],
      ['adopted', { decision: 'not_adopted', reason: '待研究' }],
    ]);
    await decide(items.finance18, {
      decision: 'partially_adopted',
      reason: '采纳防范债务风险的意见，表述作调整',
      editedText: '探索建立“投建管运一体化”可持续机制，严防新增地方政府隐性债务',
    }).expect(200);
    await decide(items.hangzhouAdd, { decision: 'adopted' }).expect(200);
    await decide(items.construction1, { decision: 'adopted' }).expect(200);
    await decide(items.ningbo18, { decision: 'not_adopted', reason: '乡贤参与是基层治理的重要力量，下一轮继续听取意见', carryOver: true }).expect(200);
    const bulk = await t.http()
      .post(api('/dispositions'))
      .set('Authorization', office)
      .send({ itemIds: [items.hangzhou9, items.hangzhouGeneral], decision: 'noted', reason: '已在其他条款体现或作为工作推进中的参考' })
      .expect(200);
    expect(bulk.body).toMatchObject({ decided: 2, counts: { items: 8, adopted: 3, partiallyAdopted: 1, notAdopted: 1, noted: 2, undecided: 1 } });
  });

  it('generates the 送审稿 with 省财政厅’s adopted wording in item 9, the added item, renumbering and lineage kept', async () => {
    const res = await t.http().post(api('/next-version')).set('Authorization', office).send({ label: '送审稿' }).expect(201);
    nextVersionId = res.body.version.id;
    expect(res.body.version).toMatchObject({ label: '送审稿', title: '关于全面推进现代化美丽城镇建设的意见（送审稿）', status: 'editing', derivedFromVersionId: r.versionId });
    expect(res.body.counts).toMatchObject({ applied: 4, needsManualEdit: 0, addedClauses: 1, adoptedItems: 4 });
    expect(res.body.undecided.count).toBe(1);

    const tree = (await t.http().get(`/api/v1/versions/${nextVersionId}`).set('Authorization', office).expect(200)).body.clauses;
    const all = (nodes: { children: unknown[] }[]): { lineageKey: string; kind: string; label: string; heading: string; text: string }[] =>
      nodes.flatMap((n) => [n as never, ...all(n.children as never)]);
    const byKey = new Map(all(tree).map((c) => [c.lineageKey, c]));
    const item9 = byKey.get(r.item(9).lineageKey)!;
    expect(item9.label).toBe('9.');
    expect(item9.text).toContain('推动产业用地有机更新，加大财政资金统筹支持力度，推进小城市培育试点建设');
    expect(byKey.get(r.item(1).lineageKey)!.text).toContain('完善城镇路网设施建设');
    const item18 = byKey.get(r.item(18).lineageKey)!;
    expect(item18.label).toBe('19.');
    expect(item18.text).toContain('探索建立“投建管运一体化”可持续机制，严防新增地方政府隐性债务');
    expect(item18.text).toContain('乡贤');
    const added = all(tree).find((c) => c.heading === '强化产业人才支撑')!;
    expect(added).toMatchObject({ kind: 'item', label: '12.', text: '完善人才引进、培养和激励政策，吸引各类人才到城镇创业就业。' });
    const oldKeys: string[] = (await t.dataSource.query(`SELECT lineage_key FROM clause WHERE version_id = $1`, [r.versionId])).map((c: { lineage_key: string }) => c.lineage_key);
    expect(oldKeys.every((k) => byKey.has(k))).toBe(true);
    expect(byKey.size).toBe(oldKeys.length + 1);

    const [link] = await t.dataSource.query(
      `SELECT c.kind, c.status, c.item_ids, c.before_text, c.after_text, c.edits FROM disposition d JOIN version_change c ON c.id = d.change_id WHERE d.item_id = $1`,
      [items.finance9],
    );
    expect(link).toMatchObject({ kind: 'modify', status: 'applied', item_ids: [items.finance9], before_text: `${r.item(9).heading}。${r.item(9).text}` });
    expect(link.after_text).toContain('推动产业用地有机更新，加大财政资金统筹支持力度');
    expect(link.edits).toEqual([{ itemIds: [items.finance9], kind: 'modify', before: '推动产业用地有机更新', after: '推动产业用地有机更新，加大财政资金统筹支持力度' }]);
  });

  it('refuses to conclude while an item has no decision, and concludes once the office closes the rest', async () => {
    const refused = await t.http().post(api('/conclude')).set('Authorization', office).expect(422);
    expect(refused.body).toMatchObject({ code: 'UNDECIDED_ITEMS', details: { count: 1, first: [expect.objectContaining({ itemId: items.ndrc10, unitName: '省发展改革委' })] } });

    const rest = await t.http().post(api('/dispositions')).set('Authorization', office).send({ allUndecided: true, decision: 'noted', reason: '供参考，在工作推进中统筹考虑' }).expect(200);
    expect(rest.body.decided).toBe(1);
    // a decision changed after generation: the next version must be regenerated first
    await t.http().post(api('/conclude')).set('Authorization', office).expect(422).expect((res) => expect(res.body.code).toBe('NEXT_VERSION_STALE'));
    await t.http().post(api('/next-version')).set('Authorization', office).send({ label: '送审稿' }).expect(409).expect((res) => expect(res.body.code).toBe('NEXT_VERSION_EXISTS'));
    const regenerated = await t.http().post(api('/next-version')).set('Authorization', office).send({ label: '送审稿', replace: true }).expect(201);
    const [{ n: gone }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM draft_version WHERE id = $1`, [nextVersionId]);
    expect(gone).toBe(0);
    nextVersionId = regenerated.body.version.id;
    // publishing it directly would skip the decisions: only concluding the round publishes it
    const direct = await t.http().post(`/api/v1/versions/${nextVersionId}/publish`).set('Authorization', office).expect(409);
    expect(direct.body.code).toBe('VERSION_PUBLISHED_BY_CONCLUSION');

    clock.set(new Date('2023-06-01T10:00:00+08:00'));
    const done = await t.http().post(api('/conclude')).set('Authorization', office).expect(200);
    expect(done.body).toMatchObject({ round: { status: 'concluded' }, nextVersion: { id: nextVersionId, status: 'published', label: '送审稿' } });
    const [round] = await t.dataSource.query(`SELECT status, concluded_at FROM consultation_round WHERE id = $1`, [r.roundId]);
    expect(round.status).toBe('concluded');
    expect(round.concluded_at.toISOString()).toBe(clock.now().toISOString());
    const audit = await t.dataSource.query(`SELECT action FROM audit_event WHERE entity_id = ANY($1::text[]) AND action IN ('round.concluded','version.published')`, [[r.roundId, nextVersionId]]);
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['round.concluded', 'version.published']);
  });

  it('writes the 意见采纳情况表 whose summary counts match, as .docx and .xlsx', async () => {
    const summary = '共征求8家单位意见，6家反馈（其中1家无意见），未反馈2家；共8条意见，采纳3条，部分采纳1条，不采纳1条、已在其他条款体现或供参考3条。';
    const table = await t.http().get(api('/adoption-table')).set('Authorization', office).expect(200);
    expect(table.body.summaryText).toBe(summary);
    expect(table.body.columns).toEqual(['序号', '提出单位', '条款', '意见内容', '采纳情况', '理由/处理说明', '修改后条文']);
    expect(table.body.rows).toHaveLength(8);
    const row = (unit: string, clause: string) => table.body.rows.find((x: { unitName: string; clause: string }) => x.unitName === unit && x.clause.startsWith(clause));
    expect(row('省财政厅', '9.')).toMatchObject({ clause: '9. 加快产业能级提升', decision: '采纳', revisedText: expect.stringContaining('加大财政资金统筹支持力度') });
    expect(row('省财政厅', '18.')).toMatchObject({ clause: '18. → 19. 健全长效发展机制', decision: '部分采纳', explanation: expect.stringContaining('采纳防范债务风险的意见') });
    expect(row('杭州市', '11.')).toMatchObject({ clause: '11.后 → 新增 12. 强化产业人才支撑', decision: '采纳' });
    expect(row('宁波市', '18.')).toMatchObject({ decision: '不采纳', revisedText: '' });
    expect(row('杭州市', '总体意见').opinion).toContain('建议加大对山区海岛县美丽城镇建设的倾斜支持');

    const xlsx = await download(api('/adoption-table/download?format=xlsx'));
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    const sheet = book.worksheets[0];
    expect(sheet.getCell('A2').value).toBe(summary);
    expect(sheet.getRow(3).getCell(1).value).toBe('制表单位：省美丽城镇办　　　　日期：2023年6月1日');
    expect(sheet.getRow(4).values).toEqual([undefined, '序号', '提出单位', '条款', '意见内容', '采纳情况', '理由/处理说明', '修改后条文']);
    expect(sheet.rowCount).toBe(4 + 8);
    const docx = await download(api('/adoption-table/download?format=docx'));
    const text = (await mammoth.extractRawText({ buffer: docx.body })).value;
    expect(text).toContain('《关于全面推进现代化美丽城镇建设的意见》意见采纳情况表');
    expect(text).toContain(summary);
    expect(text).toContain('推动产业用地有机更新，加大财政资金统筹支持力度');
  });

  it('shows the changes in redline in the 修改对照表, struck and inserted', async () => {
    const res = await download(api('/comparison-table'));
    const html = (await mammoth.convertToHtml({ buffer: res.body })).value;
    expect(html).toContain('原条文');
    expect(html).toContain('修改后条文');
    expect(html).toMatch(/<s>加大<\/s>/);
    expect(html).toMatch(/<strong>完善<\/strong>/);
    expect(html).toMatch(/<strong>[^<]*加大财政资金统筹支持力度[^<]*<\/strong>/);
    expect(html).toContain('（新增）');
    // unchanged clauses are not in the table
    expect(html).not.toContain('提升交通服务能力');
  });

  it('exports the 送审稿 as an official-document .docx', async () => {
    const res = await download(api('/next-version/docx'));
    const text = (await mammoth.extractRawText({ buffer: res.body })).value;
    expect(text).toMatch(/关于全面推进现代化美丽城镇建设的意见\s*（送审稿）/);
    expect(text).toContain('推动产业用地有机更新，加大财政资金统筹支持力度');
    expect(text).toContain('12.强化产业人才支撑。完善人才引进');
  });

  (canRenderOffice() ? it : it.skip)('prints the exports as Chinese offices print them (rendered to PDF by LibreOffice)', async () => {
    const next = (await download(api('/next-version/docx'))).body as Buffer;
    const table = (await download(api('/adoption-table/download?format=docx'))).body as Buffer;
    const sheet = (await download(api('/adoption-table/download?format=xlsx'))).body as Buffer;
    const comparison = (await download(api('/comparison-table'))).body as Buffer;
    const notReplied = (await download(`${api('/board')}?format=xlsx`)).body as Buffer;

    // GB/T 9704: 4号 宋体 "— 1 —", odd pages right and even pages left; 附件 on a new page
    for (const file of [next, table, comparison]) {
      expect(await officePart(file, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
      const footers = await officeParts(file, /^word\/footer\d+\.xml$/);
      expect(footers).toHaveLength(2);
      for (const f of footers) {
        expect(f).toMatch(/PAGE/);
        expect(f).toContain('w:eastAsia="宋体"');
        expect(f).toContain('<w:sz w:val="28"/>');
      }
      expect(footers.map((f) => /<w:jc w:val="(\w+)"\/>/.exec(f)?.[1]).sort()).toEqual(['left', 'right']);
    }
    const body = await officePart(next, 'word/document.xml');
    const annexLabels = [...body.matchAll(/<w:t[^>]*>附件\d*<\/w:t>/g)].map((m) => m.index!);
    expect(annexLabels.length).toBeGreaterThan(0);
    for (const at of annexLabels) {
      const paragraph = body.slice(body.lastIndexOf('<w:p>', at), at);
      expect(paragraph).toContain('<w:pageBreakBefore/>');
      expect(paragraph).toContain('w:eastAsia="黑体"');
    }
    // the annex's table: category cells merged, the header row repeated, columns as wide as their text
    expect(body).toContain('<w:vMerge w:val="restart"/>');
    expect(body).toContain('<w:tblHeader/>');
    const grid = [...(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/.exec(body)?.[1] ?? '').matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(grid.length).toBeGreaterThan(3);
    expect(Math.max(...grid)).toBeGreaterThan(2 * Math.min(...grid));
    // 意见采纳情况表: 附件, title, 制表单位 and date, the header row repeated on every page
    const tableXml = await officePart(table, 'word/document.xml');
    expect(tableXml).toContain('<w:tblHeader/>');
    expect(tableXml).toContain('制表单位：');
    // 修改对照表: which comments led to each change
    const comparisonXml = await officePart(comparison, 'word/document.xml');
    expect(comparisonXml).toContain('修改说明');
    expect(comparisonXml).toContain('采纳省财政厅的意见');
    // .xlsx: A4 landscape, title first, the header repeated on every printed page, borders, wrapping, a Chinese font
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(sheet as never);
    const ws = book.worksheets[0];
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '4:4' });
    expect(String(ws.getCell('A1').value)).toBe('《关于全面推进现代化美丽城镇建设的意见》意见采纳情况表');
    expect(ws.getCell('A5').font).toMatchObject({ name: '仿宋' });
    expect(ws.getCell('D5').alignment).toMatchObject({ wrapText: true });
    expect(ws.getCell('D5').border).toMatchObject({ left: { style: 'thin' } });
    expect(ws.getRow(5).height).toBeGreaterThan(15);

    const pdf = renderToPdf([
      { name: 'next.docx', body: next },
      { name: 'table.docx', body: table },
      { name: 'sheet.xlsx', body: sheet },
      { name: 'comparison.docx', body: comparison },
      { name: 'not-replied.xlsx', body: notReplied },
    ]);
    const pageNumbers = (p: { text: string[] }) => p.text.map((page) => /—\s*(\d+)\s*—/.exec(page)?.[1]);
    expect(pdf['next.docx'].pages).toBeGreaterThan(3);
    expect(pageNumbers(pdf['next.docx'])).toEqual(pdf['next.docx'].text.map((_, i) => String(i + 1)));
    expect(pdf['next.docx'].text[0]).toContain('关于全面推进现代化美丽城镇建设的意见');
    // odd pages' numbers at the right, even pages' at the left, as printed
    for (const name of ['next.docx', 'table.docx', 'comparison.docx']) {
      const sides = pdf[name].pageNumberAt.map((x) => (x === null ? null : x > 0.5 ? 'right' : 'left'));
      expect(sides).toEqual(sides.map((_, i) => (i % 2 === 0 ? 'right' : 'left')));
    }
    expect(pageNumbers(pdf['comparison.docx'])).toEqual(pdf['comparison.docx'].text.map((_, i) => String(i + 1)));
    // 附件 opens its page, at the top left; where its table runs on, the page starts with the header row again
    const annexAt = pdf['next.docx'].text.findIndex((page) => /^\s*附件/.test(page));
    expect(annexAt).toBeGreaterThan(0);
    expect(pdf['next.docx'].text[annexAt - 1]).not.toMatch(/^\s*附件\s*$/m);
    for (const page of pdf['next.docx'].text.slice(annexAt + 1)) expect(page.trimStart()).toMatch(/^序号\s+指标类别\s+主要指标/);
    expect(pdf['table.docx'].text[0]).toMatch(/附件[\s\S]*意见采纳情况表[\s\S]*制表单位：/);
    expect(pageNumbers(pdf['table.docx'])[0]).toBe('1');
    expect(pdf['table.docx'].text.join('')).toContain('不采纳');
    expect(pdf['table.docx'].text.join('')).not.toContain('未采纳');
    expect(pdf['table.docx'].text[0]).toMatch(/制表单位：[^\n]*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/);
    for (const page of pdf['table.docx'].text) expect(page).toMatch(/序号\s+提出单位\s+条款\s+意见内容/);
    // 修改后条文: the sentence that changed, not the whole clause
    const tableRows = (await t.http().get(api('/adoption-table')).set('Authorization', office).expect(200)).body.rows as { unitName: string; clause: string; revisedText: string }[];
    const finance9 = tableRows.find((x) => x.unitName === '省财政厅' && x.clause.startsWith('9.'))!;
    expect(finance9.revisedText).toMatch(/^……[^…]*加大财政资金统筹支持力度[^…]*。……$/);
    expect(finance9.revisedText.length).toBeLessThan(150);
    expect(pdf['comparison.docx'].text[0]).toContain('修改说明');
    // every printed page of the spreadsheet starts with the header row
    expect(pdf['sheet.xlsx'].pages).toBeGreaterThan(0);
    for (const page of pdf['sheet.xlsx'].text) expect(page).toContain('修改后条文');
    expect(pdf['sheet.xlsx'].text[0].trimStart()).toMatch(/^《关于全面推进现代化美丽城镇建设的意见》意见采纳情况表/);
    // 未反馈单位 prints the same way: the title first, the header on every page, page numbers
    expect(pdf['not-replied.xlsx'].text[0].trimStart()).toMatch(/^未反馈单位名单\s+关于征求《[^\n]*：截至 /);
    for (const page of pdf['not-replied.xlsx'].text) expect(page).toMatch(/序号\s+单位\s+状态/);
    expect(pageNumbers(pdf['not-replied.xlsx'])[0]).toBe('1');
  });

  it('refuses to change a decision once the round is concluded, in the service and in PostgreSQL', async () => {
    const res = await decide(items.ningbo18, { decision: 'adopted' }).expect(422);
    expect(res.body.code).toBe('ROUND_CONCLUDED');
    await expect(t.dataSource.query(`UPDATE disposition SET decision = 'adopted' WHERE item_id = $1`, [items.ningbo18])).rejects.toThrow(/concluded/);
  });

  it('shows 省财政厅 its earlier items with their decisions in a further round on the new version', async () => {
    clock.set(new Date('2023-06-20T10:00:00+08:00'));
    const created = await t.http().post(api('/next-round')).set('Authorization', office).send({ deadlineDate: '2023-07-10' }).expect(201);
    nextRoundId = created.body.id;
    expect(created.body).toMatchObject({ versionId: nextVersionId, roundNumber: 3, previousRoundId: r.roundId, status: 'draft', recipientCount: 8 });
    const coverage = await t.http().get(`/api/v1/rounds/${nextRoundId}/coverage`).set('Authorization', office).expect(200);
    await t.http().post(`/api/v1/rounds/${nextRoundId}/launch`).set('Authorization', office).send({ acknowledgedUnitIds: coverage.body.issueUnitIds }).expect(200);

    const finance = await t.login('省财政厅.drafter');
    const res = await t.http().get(`/api/v1/my/rounds/${nextRoundId}/earlier-items`).set('Authorization', finance).expect(200);
    expect(res.body.previousRound).toMatchObject({ id: r.roundId, roundNumber: 2, decisionsFinal: true });
    expect(res.body.items).toHaveLength(2);
    const [on9, on18] = res.body.items;
    expect(on9).toMatchObject({
      quote: '推动产业用地有机更新',
      decision: { decision: 'adopted', label: '采纳' },
      clauseThen: { ref: '9.' },
      clauseNow: { ref: '9.', text: expect.stringContaining('加大财政资金统筹支持力度') },
      clauseStatus: 'changed',
      change: { status: 'applied' },
    });
    expect(on9.redline).toContainEqual({ op: 'insert', text: '加大财政资金统筹支持力度，' });
    expect(on18).toMatchObject({ decision: { decision: 'partially_adopted', label: '部分采纳', reason: '采纳防范债务风险的意见，表述作调整' }, clauseNow: { ref: '19.' } });

    // another unit sees only its own: 省公安厅 replied 无意见 and has no items
    const police = await t.login('省公安厅.drafter');
    const theirs = await t.http().get(`/api/v1/my/rounds/${nextRoundId}/earlier-items`).set('Authorization', police).expect(200);
    expect(theirs.body.items).toEqual([]);
  });

  it('keeps 宁波市’s unresolved item linked into the next round as carried over', async () => {
    const ningbo = await t.login('宁波市政府办公厅.drafter');
    const mine = await t.http().get(`/api/v1/my/rounds/${nextRoundId}/earlier-items`).set('Authorization', ningbo).expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ id: items.ningbo18, decision: expect.objectContaining({ decision: 'not_adopted', carryOver: true }), clauseStatus: 'changed' })]);
    const feedback = await t.http().get(`/api/v1/rounds/${nextRoundId}/feedback`).set('Authorization', office).expect(200);
    const on19 = feedback.body.clauses.find((c: { ref: string }) => c.ref === '19.');
    expect(on19.carriedOver).toEqual([expect.objectContaining({ id: items.ningbo18, roundNumber: 2, unit: { id: r.unitId('宁波市'), name: '宁波市' }, decisionLabel: '不采纳' })]);
  });

  it('keeps unit users out of the office’s adoption work', async () => {
    const finance = await t.login('省财政厅.approver');
    const res = await t.http().get(api('/feedback')).set('Authorization', finance).expect(403);
    expect(res.body.code).toBe('OFFICE_ONLY');
    await t.http().post(api('/dispositions')).set('Authorization', finance).send({ allUndecided: true, decision: 'noted' }).expect(403);
  });
});
