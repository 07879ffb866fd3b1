import { ManualClock } from '@zq/common';
import { QueueName, QueueService } from '@zq/jobs';
import { ReminderQueue } from '@zq/reminders';
import ExcelJS from 'exceljs';
import {
  addressesOf,
  aRound,
  at,
  fireDueReminders,
  importReferenceDraft,
  LETTER_DAY,
  markReplied,
  received,
  REFERENCE_LETTER,
  settle,
  unitIds,
} from '../support/round-factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The reference case end to end: the 二次征求意见 letter of 5月17日 to the 23 provincial units of
 * 附件2 and the 11 cities, due 5月23日, on real PostgreSQL, Redis and SMTP with a hand-moved clock.
 */
describe('consultation round from the reference letter', () => {
  const clock = new ManualClock(LETTER_DAY);
  let t: TestApp;
  let office: string;
  let units: Map<string, string>;
  let versionId: string;
  let roundId: string;
  const id = (name: string) => units.get(name)!;
  const replied = ['省委编办', '省公安厅', '省司法厅', '省人社厅', '省水利厅', '省体育局', '宁波市', '温州市', '嘉兴市', '湖州市'];

  beforeAll(async () => {
    t = await startTestApp('rounds', { clock });
    office = await t.login('staff');
    units = await unitIds(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const board = async () => (await t.http().get(`/api/v1/rounds/${roundId}/board`).set('Authorization', office).expect(200)).body;
  const labelOf = (b: { recipients: { name: string; label: string }[] }, name: string) => b.recipients.find((r) => r.name === name)?.label;

  it('pre-fills a draft round from the imported letter and sends nothing', async () => {
    versionId = await importReferenceDraft(t, office);
    const res = await t.http().post('/api/v1/rounds/from-letter').set('Authorization', office).send({ versionId }).expect(201);
    const round = res.body.round;
    roundId = round.id;
    expect(round).toMatchObject({
      status: 'draft',
      roundNumber: 2,
      deadlineDate: '2023-05-23',
      deadlineLocal: '2023-05-23 23:59',
      contact: { name: '陈泽', phone: '0571-89892005' },
      rules: { sealRequired: true, silenceRule: 'no_comment_must_be_written', cityApproval: { required: true, generalOfficeSuffices: true } },
    });
    expect(round.rules.cityApproval.requiredSeals.sort()).toEqual(['beautiful_towns_office', 'construction_authority']);
    expect(round.title).toContain('意见的函');
    expect(round.recipients.filter((r: { kind: string }) => r.kind === 'provincial_department')).toHaveLength(23);
    expect(round.recipients.filter((r: { kind: string }) => r.kind === 'prefecture_city')).toHaveLength(11);
    expect(round.recipients.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['省市场监督管理局', '省通信管理局', '杭州市', '丽水市']));
    expect(round.letterText).toContain('于5月23日前');
    expect(round.letterText).not.toContain('二、主要任务');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM round_recipient WHERE round_id = $1`, [roundId]);
    expect(n).toBe(0);
    expect(t.smtp.messages).toHaveLength(0);
  });

  it('warns that 省科技厅 and 省文物局 are named responsible but are not recipients', async () => {
    const res = await t.http().get(`/api/v1/rounds/${roundId}/coverage`).set('Authorization', office).expect(200);
    expect(res.body.notRecipients.map((u: { name: string }) => u.name).sort()).toEqual(['省文物局', '省科技厅'].sort());
    expect(res.body.notRecipients.find((u: { name: string }) => u.name === '省文物局').clauses.join()).toContain('13.');
    expect(res.body.unnotifiable).toEqual([]);
    expect(res.body.acknowledged).toBe(false);
  });

  it('refuses to launch until the office acknowledges the coverage warning', async () => {
    const res = await t.http().post(`/api/v1/rounds/${roundId}/launch`).set('Authorization', office).send({}).expect(422);
    expect(res.body.code).toBe('COVERAGE_NOT_ACKNOWLEDGED');
    expect(res.body.details.notRecipients.map((u: { name: string }) => u.name).sort()).toEqual(['省文物局', '省科技厅'].sort());
    const unit = await t.login('省财政厅.approver');
    expect((await t.http().post(`/api/v1/rounds/${roundId}/launch`).set('Authorization', unit).send({}).expect(403)).body.code).toBe('OFFICE_ONLY');
  });

  it('launches to the 34 recipients: one letter each, the schedule planned, the draft locked', async () => {
    const ack = await t.http().post(`/api/v1/rounds/${roundId}/coverage/acknowledge`).set('Authorization', office).send({}).expect(200);
    expect(ack.body.acknowledged).toBe(true);
    const res = await t.http().post(`/api/v1/rounds/${roundId}/launch`).set('Authorization', office).send({}).expect(200);
    expect(res.body).toMatchObject({ status: 'open', recipients: 34, letters: 34, reminders: 34 * 7, deadlineLocal: '2023-05-23 23:59' });
    await settle(t, roundId, clock.now());
    const letters = received(t, 'letter');
    expect(letters).toHaveLength(34);
    // one letter per contact address: 23 departments, and each city's letter to its three offices
    const addresses = addressesOf(letters);
    expect(addresses).toHaveLength(23 + 11 * 3);
    expect(new Set(addresses).size).toBe(addresses.length);
    const hangzhou = letters.find((m) => m.text?.startsWith('杭州市：'))!;
    expect(addressesOf([hangzhou])).toHaveLength(3);
    expect(hangzhou.text).toContain('经市政府同意');
    expect(hangzhou.subject).toContain('【征求意见】');
    expect(hangzhou.text).toContain(`/my/rounds/${roundId}`);
    const finance = letters.find((m) => m.text?.startsWith('省财政厅：'))!;
    expect(finance.text).not.toContain('经市政府同意');
    expect(finance.text).toContain('2023年5月23日前');
    const [{ locked }] = await t.dataSource.query(`SELECT locked_at IS NOT NULL AS locked FROM draft_version WHERE id = $1`, [versionId]);
    expect(locked).toBe(true);
    await t.http().post(`/api/v1/rounds/${roundId}/launch`).set('Authorization', office).send({}).expect(422);
    const b = await board();
    expect(b.total).toBe(34);
    expect(b.counts.find((c: { state: string }) => c.state === 'pending').count).toBe(34);
    expect(b.notReplied).toHaveLength(34);
  });

  it('lists whom to call for each unit that has not replied, a city through its offices', async () => {
    const res = await t.http().get(`/api/v1/rounds/${roundId}/not-replied`).set('Authorization', office).expect(200);
    const units = res.body as { name: string; contacts: { name: string; phone: string | null; email: string | null }[] }[];
    expect(units).toHaveLength(34);
    const hangzhou = units.find((u) => u.name === '杭州市')!;
    // a city has no contact of its own: its general office, 建设局 and 美丽城镇办 are named with theirs
    expect(hangzhou.contacts.length).toBeGreaterThanOrEqual(3);
    expect(hangzhou.contacts.map((c) => c.name.split(' ')[0]).sort()).toEqual(expect.arrayContaining(['杭州市建设局', '杭州市美丽城镇办']));
    expect(hangzhou.contacts.every((c) => c.email)).toBe(true);
    const finance = units.find((u) => u.name === '省财政厅')!;
    expect(finance.contacts.length).toBeGreaterThan(0);
    const unit = await t.login('省财政厅.drafter');
    await t.http().get(`/api/v1/rounds/${roundId}/not-replied`).set('Authorization', unit).expect(403);
  });

  it('shows a unit its open round, marks it viewed, and hides the round from units not asked', async () => {
    const finance = await t.login('省财政厅.drafter');
    const mine = await t.http().get('/api/v1/my/rounds').set('Authorization', finance).expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ id: roundId, deadlineLocal: '2023-05-23 23:59', label: '未查看', unitName: '省财政厅' })]);
    const opened = await t.http().get(`/api/v1/my/rounds/${roundId}`).set('Authorization', finance).expect(200);
    expect(opened.body.myStatus.label).toBe('已查看');
    expect(opened.body.myDeadline.deadlineLocal).toBe('2023-05-23 23:59');
    expect(opened.body.round.letterText).toContain('联系人：陈泽');
    expect(opened.body.clauses.length).toBeGreaterThan(20);
    expect(opened.body.rules.cityApproval).toBeNull();
    expect(labelOf(await board(), '省财政厅')).toBe('已查看');

    const hangzhou = await t.login('杭州市建设局.approver');
    const city = await t.http().get(`/api/v1/my/rounds/${roundId}`).set('Authorization', hangzhou).expect(200);
    expect(city.body.unit.name).toBe('杭州市');
    expect(city.body.rules.cityApproval.required).toBe(true);

    const science = await t.login('省科技厅.drafter');
    expect((await t.http().get('/api/v1/my/rounds').set('Authorization', science).expect(200)).body).toEqual([]);
    expect((await t.http().get(`/api/v1/my/rounds/${roundId}`).set('Authorization', science).expect(404)).body.code).toBe('ROUND_NOT_FOUND');
    await t.http().get(`/api/v1/rounds/${roundId}/board`).set('Authorization', finance).expect(403);
  });

  it('reminds three working days before the deadline only the units that have not replied', async () => {
    await markReplied(t, roundId, replied.map(id), 'with_comments', at('2023-05-17 16:00'));
    await markReplied(t, roundId, [id('省财政厅')], 'no_comment', at('2023-05-17 17:00'));
    // the sweep makes the due ones run now; the worker's tick may hand some of them over first (both follow the clock)
    const sweep = await fireDueReminders(t, clock, at('2023-05-18 09:00'));
    expect(sweep.due).toBeLessThanOrEqual(34);
    await settle(t, roundId, clock.now());
    const slots = await t.dataSource.query(`SELECT status, count(*)::int AS n FROM reminder WHERE round_id = $1 AND slot = 'before-3' GROUP BY status ORDER BY status`, [roundId]);
    expect(slots).toEqual([{ status: 'sent', n: 23 }, { status: 'skipped', n: 11 }]);
    const reminders = received(t, 'reminder');
    expect(reminders).toHaveLength(34 - 11);
    expect(reminders.every((m) => m.subject?.startsWith('【催办】请于2023年5月23日前反馈'))).toBe(true);
    const remindedNames = reminders.map((m) => m.text!.split('：')[0]);
    for (const name of [...replied, '省财政厅']) expect(remindedNames).not.toContain(name);
    const skipped = await t.dataSource.query(`SELECT count(*)::int AS n FROM reminder WHERE round_id = $1 AND slot = 'before-3' AND status = 'skipped' AND outcome = 'replied'`, [roundId]);
    expect(skipped[0].n).toBe(11);
    const b = await board();
    expect(labelOf(b, '省财政厅')).toBe('已反馈（无意见）');
    expect(labelOf(b, '宁波市')).toBe('已反馈（有意见）');
    expect(b.recipients.find((r: { name: string }) => r.name === '省教育厅').lastRemindedLocal).toBe('2023-05-18 09:00');
  });

  it('sends no reminder to a unit whose reply lands after its job is queued but before it runs', async () => {
    const queue = t.app.get(QueueService).queue(QueueName.Reminders);
    await queue.pause();
    try {
      // within the horizon the before-1 jobs are queued (delayed) ahead of their time
      clock.set(at('2023-05-22 08:45'));
      await t.app.get(ReminderQueue).settled();
      const sweep = await fireDueReminders(t, clock, at('2023-05-22 09:00'));
      expect(sweep.promoted).toBe(34);
      await markReplied(t, roundId, [id('省教育厅')]);
    } finally {
      await queue.resume();
    }
    await settle(t, roundId, clock.now());
    // 23 three days before, now 22: the ten that replied, 省财政厅 and 省教育厅 are left out
    expect(received(t, 'reminder')).toHaveLength(23 + 22);
    const [row] = await t.dataSource.query(
      `SELECT status, outcome FROM reminder WHERE round_id = $1 AND unit_id = $2 AND slot = 'before-1'`,
      [roundId, id('省教育厅')],
    );
    expect(row).toEqual({ status: 'skipped', outcome: 'replied' });
  });

  it('moves a unit’s reminders with an extension and shows 已延期', async () => {
    clock.set(at('2023-05-22 10:00'));
    const res = await t.http()
      .post(`/api/v1/rounds/${roundId}/recipients/${id('杭州市')}/extension`)
      .set('Authorization', office)
      .send({ deadlineDate: '2023-05-30', reason: '需提请市政府常务会议研究' })
      .expect(200);
    expect(res.body).toMatchObject({ deadlineLocal: '2023-05-30 23:59', generation: 1, cancelledReminders: 5 });
    expect(res.body.reminders.map((r: { slot: string; dueLocal: string }) => `${r.slot} ${r.dueLocal}`)).toEqual([
      'before-3 2023-05-25 09:00',
      'before-1 2023-05-29 09:00',
      'deadline 2023-05-30 09:00',
      'overdue-1 2023-05-31 09:00',
      'overdue-2 2023-06-01 09:00',
      'overdue-3 2023-06-02 09:00',
      'escalation 2023-06-05 09:00',
    ]);
    const b = await board();
    expect(b.recipients.find((r: { name: string }) => r.name === '杭州市')).toMatchObject({ label: '已延期', extended: true, deadlineLocal: '2023-05-30 23:59' });
    const ext = await t.http().get(`/api/v1/rounds/${roundId}/extensions`).set('Authorization', office).expect(200);
    expect(ext.body).toEqual([expect.objectContaining({ unitName: '杭州市', reason: '需提请市政府常务会议研究', newLocal: '2023-05-30 23:59' })]);

    const before = received(t, 'reminder').length;
    await fireDueReminders(t, clock, at('2023-05-23 09:00'));
    await settle(t, roundId, clock.now());
    const deadlineDay = received(t, 'reminder').slice(before);
    expect(deadlineDay).toHaveLength(23 - 1 - 1);
    expect(deadlineDay.every((m) => m.subject?.startsWith('【催办】今日截止'))).toBe(true);
    expect(deadlineDay.some((m) => m.text!.startsWith('杭州市：'))).toBe(false);
  });

  it('sends a manual 催办 at once and leaves the schedule as it was', async () => {
    const scheduled = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM reminder WHERE round_id = $1 AND status = 'scheduled'`, [roundId]))[0].n;
    const plan = await scheduled();
    const one = await t.http().post(`/api/v1/rounds/${roundId}/reminders/manual`).set('Authorization', office).send({ unitIds: [id('省建设厅')], note: '请于今日下班前反馈' }).expect(200);
    expect(one.body).toEqual({ sent: [expect.objectContaining({ name: '省建设厅', slot: 'manual-1' })], skipped: [] });
    await settle(t, roundId, clock.now());
    const manual = received(t, 'manual_reminder');
    expect(manual).toHaveLength(1);
    expect(manual[0].text).toContain('请于今日下班前反馈');
    const all = await t.http().post(`/api/v1/rounds/${roundId}/reminders/manual`).set('Authorization', office).send({}).expect(200);
    expect(all.body.sent).toHaveLength(22);
    expect(all.body.sent.find((s: { name: string }) => s.name === '省建设厅').slot).toBe('manual-2');
    const replies = await t.http().post(`/api/v1/rounds/${roundId}/reminders/manual`).set('Authorization', office).send({ unitIds: [id('省公安厅')] }).expect(200);
    expect(replies.body).toEqual({ sent: [], skipped: [expect.objectContaining({ name: '省公安厅', reason: '已反馈' })] });
    await settle(t, roundId, clock.now());
    expect(received(t, 'manual_reminder')).toHaveLength(23);
    expect(await scheduled()).toBe(plan);
  });

  it('derives 逾期 from the deadline at read time and exports the units that have not replied', async () => {
    clock.set(at('2023-05-24 08:00'));
    const b = await board();
    expect(b.counts.find((c: { state: string }) => c.state === 'overdue').count).toBe(21);
    expect(labelOf(b, '杭州市')).toBe('已延期');
    expect(b.notReplied).toHaveLength(22);
    const res = await t.http()
      .get(`/api/v1/rounds/${roundId}/board`)
      .query({ format: 'xlsx' })
      .set('Authorization', office)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body);
    const sheet = book.getWorksheet('未反馈单位')!;
    // printed as offices print it: the title first, the header repeated on every page, A4 landscape
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('未反馈单位');
    expect(sheet.getRow(3).values).toEqual([undefined, '序号', '单位', '状态', '截止时间', '是否延期', '最近催办', '联系人', '联系电话', '电子邮箱']);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '3:3' });
    expect(sheet.getRow(4).getCell(3).value).toBe('逾期');
    expect(sheet.getRow(4).getCell(2).font).toMatchObject({ name: '仿宋' });
    expect(sheet.getRow(4).getCell(2).border).toMatchObject({ top: { style: 'thin' } });
    const names = Array.from({ length: 22 }, (_, i) => sheet.getRow(i + 4).getCell(2).value);
    expect(names).toContain('杭州市');
    expect(names).not.toContain('省财政厅');
    // a city is reached through its three offices
    const lishui = sheet.getRow(4 + names.indexOf('丽水市'));
    expect(String(lishui.getCell(8).value).split('；')).toHaveLength(3);
    expect(String(lishui.getCell(7).value)).toContain('丽水市美丽城镇办');
    // rows as tall as their wrapped text (11 pt at 1.3 lines, 6 pt padding): a province's one line; a city's
    // three e-mails on three lines and its offices' contacts on five (86 pt, seven lines, before)
    const province = names.findIndex((n) => String(n).startsWith('省'));
    expect(province).toBeGreaterThanOrEqual(0);
    expect(sheet.getRow(4 + province).height).toBe(21);
    expect(lishui.height).toBeGreaterThanOrEqual(Math.ceil(3 * 11 * 1.3 + 6));
    expect(lishui.height).toBeLessThanOrEqual(Math.ceil(5 * 11 * 1.3 + 6));
  });

  it('pages the board with the counts of the whole round: the same order, filtered by state or not replied', async () => {
    const full = await board();
    const pageOf = async (query: Record<string, string | number>) =>
      (await t.http().get(`/api/v1/rounds/${roundId}/board`).query(query).set('Authorization', office).expect(200)).body;
    const first = await pageOf({ limit: 10 });
    const second = await pageOf({ limit: 10, offset: 10 });
    expect(first.counts).toEqual(full.counts);
    expect(first.total).toBe(34);
    expect(first.notRepliedCount).toBe(full.notReplied.length);
    expect(first.page).toEqual({ state: null, offset: 0, limit: 10, matched: 34 });
    expect([...first.recipients, ...second.recipients].map((r: { unitId: string }) => r.unitId)).toEqual(full.recipients.slice(0, 20).map((r: { unitId: string }) => r.unitId));
    const silent = await pageOf({ state: 'not_replied', limit: 100 });
    expect(silent.page.matched).toBe(22);
    expect(silent.recipients).toEqual(full.notReplied);
    const extended = await pageOf({ state: 'extended' });
    expect(extended.recipients.map((r: { name: string }) => r.name)).toEqual(['杭州市']);
    expect((await t.http().get(`/api/v1/rounds/${roundId}/board`).query({ state: 'late' }).set('Authorization', office).expect(400)).body.code).toBeDefined();
    expect((await t.http().get(`/api/v1/rounds/${roundId}/board`).query({ limit: 0 }).set('Authorization', office).expect(400)).body.code).toBeDefined();
  });

  it('escalates once to the 电话催办 list with the silent units and their phones', async () => {
    await t.http().patch(`/api/v1/rounds/${roundId}`).set('Authorization', office).send({ escalationEmails: ['duty@example.org', 'chief@example.org'] }).expect(200);
    const reminders = received(t, 'reminder').length;
    await fireDueReminders(t, clock, at('2023-05-29 09:00'));
    await settle(t, roundId, clock.now());
    const escalations = received(t, 'escalation');
    expect(escalations).toHaveLength(1);
    expect(addressesOf(escalations).sort()).toEqual(['chief@example.org', 'duty@example.org']);
    expect(escalations[0].subject).toContain('21 个单位逾期未反馈');
    expect(escalations[0].text).toContain('省建设厅');
    expect(escalations[0].text).toMatch(/0571-8800\d{4}/);
    expect(escalations[0].text).not.toContain('杭州市（');
    // overdue-1 and -2 were passed over by overdue-3; Hangzhou's before-1 is due the same morning
    const after = received(t, 'reminder').slice(reminders);
    expect(after).toHaveLength(21 + 1);
    const outcomes = await t.dataSource.query(
      `SELECT slot, outcome, count(*)::int AS n FROM reminder WHERE round_id = $1 AND generation = 0 AND slot LIKE 'overdue-%' GROUP BY slot, outcome ORDER BY slot`,
      [roundId],
    );
    expect(outcomes).toEqual(
      expect.arrayContaining([
        { slot: 'overdue-1', outcome: 'superseded', n: 21 },
        { slot: 'overdue-3', outcome: 'sent', n: 21 },
      ]),
    );
  });

  it('lists every mail of the round with its reason', async () => {
    const res = await t.http().get(`/api/v1/rounds/${roundId}/mails`).set('Authorization', office).query({ unitId: id('省建设厅') }).expect(200);
    const reasons = res.body.mails.map((m: { reason: string }) => m.reason);
    expect(reasons).toEqual(
      expect.arrayContaining(['征求意见函', '截止前3个工作日提醒', '截止前1个工作日提醒', '截止当日提醒', '逾期第3个工作日催办', '手动催办（第1次）', '手动催办（第2次）']),
    );
    expect(res.body.mails.every((m: { status: string; to: string }) => m.status === 'sent' && m.to.endsWith('@example.org'))).toBe(true);
    const all = await t.http().get(`/api/v1/rounds/${roundId}/mails`).set('Authorization', office).query({ purpose: 'letter' }).expect(200);
    expect(all.body.total).toBe(34);
  });

  it('stops reminding once the round is closed', async () => {
    await t.http().post(`/api/v1/rounds/${roundId}/close`).set('Authorization', office).expect(200);
    const before = t.smtp.messages.length;
    await fireDueReminders(t, clock, at('2023-05-30 09:00'));
    await settle(t, roundId, clock.now());
    expect(t.smtp.messages.length).toBe(before);
    const [row] = await t.dataSource.query(`SELECT status, outcome FROM reminder WHERE round_id = $1 AND unit_id = $2 AND slot = 'deadline' AND generation = 1`, [roundId, id('杭州市')]);
    expect(row).toEqual({ status: 'skipped', outcome: 'round_not_open' });
    // a closed round stays in the unit's list (its reply, receipts and decisions stay reachable), marked 截止
    const mine = (await t.http().get('/api/v1/my/rounds').set('Authorization', await t.login('省建设厅.drafter')).expect(200)).body;
    expect(mine).toEqual([expect.objectContaining({ id: roundId, status: 'closed' })]);
  });

  it('reopens a closed round and exempts a unit, which stops its reminders', async () => {
    const reopened = await t.http().post(`/api/v1/rounds/${roundId}/reopen`).set('Authorization', office).expect(200);
    expect(reopened.body.status).toBe('open');
    const res = await t.http().post(`/api/v1/rounds/${roundId}/recipients/${id('杭州市')}/exempt`).set('Authorization', office).send({ reason: '已另行书面征求' }).expect(200);
    expect(res.body).toEqual({ unitId: id('杭州市'), status: 'exempted', cancelledReminders: 4 });
    expect(labelOf(await board(), '杭州市')).toBe('已豁免');
    const left = await t.dataSource.query(`SELECT count(*)::int AS n FROM reminder WHERE round_id = $1 AND unit_id = $2 AND status = 'scheduled'`, [roundId, id('杭州市')]);
    expect(left[0].n).toBe(0);
    await t.http().post(`/api/v1/rounds/${roundId}/recipients/${id('杭州市')}/exempt`).set('Authorization', office).send({ reason: '再次' }).expect(422);
  });

  it('keeps a draft editable, checks what the office enters, and deletes it; a launched round stays as sent', async () => {
    const created = await t.http()
      .post('/api/v1/rounds')
      .set('Authorization', office)
      .send(aRound(versionId, [id('省财政厅'), id('杭州市')], { deadlineDate: undefined, deadlineWorkdays: 5 }))
      .expect(201);
    const draftId = created.body.id;
    // five working days from 5月30日: 31, 1, 2, 5, 6 June
    expect(created.body).toMatchObject({ status: 'draft', deadlineWorkdays: 5, deadlineLocal: '2023-06-06 23:59', recipientCount: 2, roundNumber: 3 });
    const bad = async (body: object, code: string, status = 400) =>
      expect((await t.http().patch(`/api/v1/rounds/${draftId}`).set('Authorization', office).send(body).expect(status)).body.code).toBe(code);
    await bad({ reminderPolicy: { steps: [{ kind: 'deadline_day', offsetWorkdays: -1, at: '09:00' }] } }, 'REMINDER_POLICY_INVALID');
    await bad({ deadlineDate: '2023-06-20', deadlineWorkdays: 3 }, 'DEADLINE_AMBIGUOUS');
    await bad({ recipientUnitIds: [id('省美丽城镇办')] }, 'RECIPIENT_KIND_INVALID');
    await bad({ deadlineDate: '2023-6-20' }, 'VALIDATION_FAILED');
    const patched = await t.http()
      .patch(`/api/v1/rounds/${draftId}`)
      .set('Authorization', office)
      .send({ deadlineDate: '2023-06-20', reminderPolicy: { steps: [{ kind: 'before_deadline', offsetWorkdays: -2, at: '10:30' }] }, silenceRule: 'silence_is_no_comment' })
      .expect(200);
    expect(patched.body).toMatchObject({ deadlineLocal: '2023-06-20 23:59', deadlineWorkdays: null, rules: { silenceRule: 'silence_is_no_comment' } });
    expect(patched.body.reminderPolicy.steps).toEqual([{ kind: 'before_deadline', offsetWorkdays: -2, at: '10:30' }]);
    await t.http().delete(`/api/v1/rounds/${draftId}`).set('Authorization', office).expect(200);
    await t.http().get(`/api/v1/rounds/${draftId}`).set('Authorization', office).expect(404);
    expect((await t.http().patch(`/api/v1/rounds/${roundId}`).set('Authorization', office).send({ title: '改标题' }).expect(422)).body.code).toBe('ROUND_NOT_DRAFT');
    expect((await t.http().delete(`/api/v1/rounds/${roundId}`).set('Authorization', office).expect(422)).body.code).toBe('ROUND_NOT_DRAFT');
  });

  it('pre-fills from pasted letter text and names a recipient that cannot be notified', async () => {
    clock.set(LETTER_DAY);
    await t.dataSource.query(`DELETE FROM unit_contact WHERE unit_id = $1`, [id('省体育局')]);
    const policies = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM policy`))[0].n as number;
    const before = await policies();
    const res = await t.http().post('/api/v1/rounds/from-letter').set('Authorization', office).send({ text: REFERENCE_LETTER }).expect(201);
    // the very text already on file: that version again, not a second policy of the same title
    expect(res.body.round.versionId).toBe(versionId);
    expect(res.body.warnings).toContainEqual(expect.objectContaining({ code: 'SAME_AS_VERSION' }));
    expect(await policies()).toBe(before);
    // the letter with an edited draft: the same policy's next version
    const edited = await t.http().post('/api/v1/rounds/from-letter').set('Authorization', office).send({ text: REFERENCE_LETTER.replace('推动产业用地有机更新', '推动低效产业用地有机更新') }).expect(201);
    expect(edited.body.round.versionId).not.toBe(versionId);
    expect(edited.body.warnings).toContainEqual(expect.objectContaining({ code: 'NEW_VERSION_OF_POLICY' }));
    expect(await policies()).toBe(before);
    expect(res.body.round.recipientCount).toBe(34);
    expect(res.body.coverage.unnotifiable).toEqual([{ unitId: id('省体育局'), name: '省体育局' }]);
    const draftId = res.body.round.id;
    const notRecipients = res.body.coverage.notRecipients.map((u: { unitId: string }) => u.unitId);
    const refused = await t.http().post(`/api/v1/rounds/${draftId}/launch`).set('Authorization', office).send({ acknowledgedUnitIds: notRecipients }).expect(422);
    expect(refused.body.code).toBe('COVERAGE_NOT_ACKNOWLEDGED');
    expect(refused.body.details.unnotifiable).toEqual([{ unitId: id('省体育局'), name: '省体育局' }]);
  });
});
