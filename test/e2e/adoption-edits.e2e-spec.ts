import { ManualClock } from '@zq/common';
import { aConsultedRound, aSealedReply, ConsultedRound } from '../support/adoption-factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * What the next version cannot do by itself: quotes not found, found twice or overlapping another
 * adopted proposal, and partial adoptions without wording are marked for a manual edit, which the
 * office makes (or explains) before the round can be concluded.
 */
describe('adoption: manual edits, bulk decisions and the rules around them', () => {
  const clock = new ManualClock(new Date('2023-05-25T10:00:00+08:00'));
  let t: TestApp;
  let r: ConsultedRound;
  let office: string;
  const ids: Record<string, string> = {};
  let supersededItem: string;

  const api = (path: string) => `/api/v1/rounds/${r.roundId}${path}`;
  const post = (path: string, body: Record<string, unknown>) => t.http().post(api(path)).set('Authorization', office).send(body);

  beforeAll(async () => {
    t = await startTestApp('adoption_edits', { clock });
    office = await t.login('admin');
    r = await aConsultedRound(t, { recipients: ['省财政厅', '省建设厅', '杭州市', '宁波市'], status: 'open' });
    const finance = await aSealedReply(t, r, '省财政厅', {
      items: [
        { item: 9, kind: 'modify', quote: '推动产业用地有机更新', proposedText: '推动产业用地有机更新，加大财政资金统筹支持力度', reason: '强化资金保障' },
        { item: 5, kind: 'modify', quote: '保障城镇常住人口住房需求', proposedText: '保障城镇常住人口基本住房需求', reason: '引用的是上一稿的表述' },
      ],
    });
    [ids.finance9, ids.financeMissing] = finance.itemIds;
    const hangzhou = await aSealedReply(t, r, '杭州市', {
      items: [
        { item: 9, kind: 'modify', quote: '产业用地', proposedText: '低效产业用地', reason: '聚焦低效用地' },
        { item: 5, kind: 'delete', quote: '、镇中村', reason: '镇中村已基本完成改造' },
      ],
    });
    [ids.hangzhou9, ids.hangzhou5] = hangzhou.itemIds;
    const first = await aSealedReply(t, r, '省建设厅', { items: [{ item: 3, kind: 'modify', quote: '口袋公园', proposedText: '口袋公园、街角绿地' }] });
    supersededItem = first.itemIds[0];
    const construction = await aSealedReply(t, r, '省建设厅', {
      items: [
        { item: 2, kind: 'modify', quote: '公路', proposedText: '道路', reason: '统一用语' },
        { item: 3, kind: 'modify', quote: '口袋公园', proposedText: '口袋公园、街角绿地', reason: '丰富绿地类型' },
      ],
    });
    [ids.constructionTwice, ids.construction3] = construction.itemIds;
    const ningbo = await aSealedReply(t, r, '宁波市', {
      items: [
        { item: 2, kind: 'other', reason: '建议增加海岛交通内容' },
        { item: 8, kind: 'modify', quote: '夜间消费打卡点', proposedText: '夜间经济集聚区', reason: '与商务部门表述一致' },
        { item: 10, kind: 'other', reason: '建议突出品牌' },
      ],
    });
    [ids.ningbo2, ids.ningbo8, ids.ningbo10] = ningbo.itemIds;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses to generate the next version while the round is still open', async () => {
    const res = await post('/next-version', { label: '送审稿' }).expect(422);
    expect(res.body.code).toBe('ROUND_NOT_CLOSED');
    await t.http().post(`/api/v1/rounds/${r.roundId}/close`).set('Authorization', office).expect(200);
  });

  it('refuses a decision on an item of a superseded revision, and carry-over of an adopted item', async () => {
    const stale = await t.http().put(api(`/items/${supersededItem}/disposition`)).set('Authorization', office).send({ decision: 'adopted' }).expect(422);
    expect(stale.body.code).toBe('ITEM_NOT_CURRENT');
    const carry = await t.http().put(api(`/items/${ids.finance9}/disposition`)).set('Authorization', office).send({ decision: 'adopted', carryOver: true }).expect(400);
    expect(carry.body.code).toBe('CARRY_OVER_NOT_ALLOWED');
    const both = await post('/dispositions', { decision: 'noted' }).expect(400);
    expect(both.body.code).toBe('ITEMS_REQUIRED');
  });

  it('decides many items in one statement, each with its own audit row', async () => {
    const adopted = [ids.finance9, ids.financeMissing, ids.hangzhou9, ids.hangzhou5, ids.constructionTwice, ids.ningbo8];
    const res = await post('/dispositions', { itemIds: adopted, decision: 'adopted' }).expect(200);
    expect(res.body).toMatchObject({ decided: 6, counts: { items: 9, adopted: 6, undecided: 3 } });
    expect(res.body.items).toHaveLength(6);
    const audit = await t.dataSource.query(
      `SELECT entity_id, data FROM audit_event WHERE action = 'disposition.decided' AND entity_id = ANY($1::text[])`,
      [adopted],
    );
    expect(audit).toHaveLength(6);
    expect(audit.every((a: { data: { bulk: boolean; decision: string } }) => a.data.bulk && a.data.decision === 'adopted')).toBe(true);
    await t.http()
      .put(api(`/items/${ids.construction3}/disposition`))
      .set('Authorization', office)
      .send({ decision: 'partially_adopted', reason: '采纳增加绿地类型的意见，具体表述另行斟酌' })
      .expect(200);
  });

  it('marks quotes not found, found twice or overlapping, and a partial adoption without wording, for a manual edit', async () => {
    const res = await post('/next-version', { label: '送审稿' }).expect(201);
    expect(res.body.counts).toMatchObject({ applied: 2, needsManualEdit: 4, itemsApplied: 2, itemsForManualEdit: 5 });
    const view = await t.http().get(api('/next-version')).set('Authorization', office).expect(200);
    type Change = { clauseBefore: string; status: string; manualReason: string | null; edits: { itemIds: string[]; reason?: string }[] };
    const byItem = Object.fromEntries(
      view.body.changes.flatMap((c: Change) => c.edits.flatMap((e) => e.itemIds.map((id) => [id, `${c.clauseBefore} ${e.reason ?? c.status}`]))),
    );
    expect(byItem).toEqual({
      [ids.finance9]: '9. overlap',
      [ids.hangzhou9]: '9. overlap',
      [ids.financeMissing]: '5. quote_not_found',
      [ids.hangzhou5]: '5. applied',
      [ids.constructionTwice]: '2. quote_ambiguous',
      [ids.construction3]: '3. partial_without_text',
      [ids.ningbo8]: '8. applied',
    });
    // the clause is marked once, with both conflicting items
    const overlap = view.body.changes.find((c: Change) => c.clauseBefore === '9.');
    expect(overlap).toMatchObject({ status: 'needs_manual_edit', statusLabel: '需人工修改', manualReasonLabel: '与其他采纳意见修改的文字重叠', clauseAfter: '9.' });
    expect(overlap.itemIds.sort()).toEqual([ids.finance9, ids.hangzhou9].sort());
    const [item5] = await t.dataSource.query(`SELECT text FROM clause WHERE version_id = $1 AND lineage_key = $2`, [res.body.version.id, r.item(5).lineageKey]);
    expect(item5.text).toContain('推进老旧小区、城中村改造');
    const [item9] = await t.dataSource.query(`SELECT text FROM clause WHERE version_id = $1 AND lineage_key = $2`, [res.body.version.id, r.item(9).lineageKey]);
    expect(item9.text).toBe(r.item(9).text);
  });

  it('refuses to conclude while items are undecided, then while manual edits are pending', async () => {
    const undecided = await post('/conclude', {}).expect(422);
    expect(undecided.body).toMatchObject({ code: 'UNDECIDED_ITEMS', details: { count: 2 } });
    expect(undecided.body.message).toContain('2 条意见未作采纳决定');
    await post('/dispositions', { allUndecided: true, decision: 'noted', reason: '供参考' }).expect(200);
    await post('/next-version', { label: '送审稿', replace: true }).expect(201);
    const pending = await post('/conclude', {}).expect(422);
    expect(pending.body).toMatchObject({ code: 'MANUAL_EDITS_PENDING', details: { count: 4 } });
  });

  it('lets the office make the manual edit in the next version, or say why none is needed, and then conclude', async () => {
    const view = await t.http().get(api('/next-version')).set('Authorization', office).expect(200);
    const manual = view.body.changes.filter((c: { status: string }) => c.status === 'needs_manual_edit');
    const on9 = manual.find((c: { itemIds: string[] }) => c.itemIds.includes(ids.finance9));
    const merged = r.item(9).text.replace('推动产业用地有机更新', '推动低效产业用地有机更新，加大财政资金统筹支持力度');
    const edited = await post(`/next-version/changes/${on9.id}/resolve`, { text: merged, note: '合并省财政厅和杭州市的意见' }).expect(200);
    expect(edited.body).toMatchObject({ status: 'resolved', afterText: expect.stringContaining('推动低效产业用地有机更新，加大财政资金统筹支持力度') });
    const noNote = await post(`/next-version/changes/${manual[1].id}/resolve`, {}).expect(400);
    expect(noNote.body.code).toBe('RESOLUTION_REQUIRED');
    for (const c of manual.filter((x: { id: string }) => x.id !== on9.id)) {
      await post(`/next-version/changes/${c.id}/resolve`, { note: '已核实，按现行表述' }).expect(200);
    }
    const done = await post('/conclude', {}).expect(200);
    expect(done.body.nextVersion.status).toBe('published');
    const [item9] = await t.dataSource.query(`SELECT text FROM clause WHERE version_id = $1 AND lineage_key = $2`, [done.body.nextVersion.id, r.item(9).lineageKey]);
    expect(item9.text).toBe(merged);
    // the 采纳情况表 shows the hand-edited wording as the revised text
    const table = await t.http().get(api('/adoption-table')).set('Authorization', office).expect(200);
    expect(table.body.rows.find((x: { unitName: string; clause: string }) => x.unitName === '省财政厅' && x.clause.startsWith('9.')).revisedText).toContain(
      '推动低效产业用地有机更新，加大财政资金统筹支持力度',
    );
    await post(`/next-version/changes/${on9.id}/resolve`, { note: '再改' }).expect(422);
  });
});
