import { ManualClock } from '@zq/common';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { Actions, seriousA11yIssues } from '../support/actions';
import { ensureWebBuild, launchBrowser, openPage, serveProduct, WatchedPage } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

const LETTER = readFileSync(join(__dirname, '..', 'fixtures', 'beautiful-towns-round2-letter.txt'), 'utf8');
const SCAN = { name: '盖章反馈函.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% 盖章页\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n') };

/** The budgets of issue 14: actions from sign-in to receipt, and for the office's whole round. */
const BUDGET = { office: 40, reply: 10, perFurtherItem: 3, handOver: 3 };

/**
 * The reference round walked through the UI only, every action counted through one helper: the
 * office pastes the letter (two days after its own deadline: the form says so and offers N 个工作日后),
 * launches, watches the board, 催办, decides every comment, generates the next version, downloads
 * what an office files, and 办结; units reply from the links in their mails — a 无意见, a one-item reply,
 * a city general office's 无意见, and a drafter who hands two items over to the approver. axe-core
 * checks each screen.
 */
describe('web UI walkthrough: the reference round within the action budgets', () => {
  jest.setTimeout(180_000);
  const clock = new ManualClock(new Date('2023-05-25T10:00:00+08:00'));
  let t: TestApp;
  let served: Awaited<ReturnType<typeof serveProduct>>;
  let browser: Browser;
  let base: string;
  let roundId: string;
  const pages: WatchedPage[] = [];
  const a11y: string[] = [];
  let shots = 0;
  const measured: Record<string, number> = {};
  let office: Actions;
  let officeTab: WatchedPage;

  const watched = async () => {
    const p = await openPage(browser);
    // a shared machine: give pages time, the budgets count actions, not seconds
    p.context.setDefaultTimeout(30_000);
    p.context.setDefaultNavigationTimeout(30_000);
    pages.push(p);
    return p;
  };
  /** With WALK_SHOTS=dir, a 1366×768 picture of each screen walked through, to be looked at (not an action). */
  const shot = async (page: Page, name: string) => {
    const dir = process.env.WALK_SHOTS;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${String(++shots).padStart(2, '0')}-${name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`), animations: 'disabled' });
  };
  /** With WALK_SHOTS=dir, the downloaded file is kept there too (to be rendered and looked at). */
  const keep = async (d: Download) => {
    if (process.env.WALK_SHOTS) await d.saveAs(join(process.env.WALK_SHOTS, d.suggestedFilename()));
    return d;
  };
  const audit = async (page: Page, where: string) => {
    a11y.push(...(await seriousA11yIssues(page, where)));
    await shot(page, where);
  };
  /** The link a mail carries, on the served host. */
  const linkIn = (text: string | undefined) => {
    const m = /https?:\/\/[^\s)]+(\/my\/rounds\/[0-9a-f-]{36}[^\s)]*)/.exec(text ?? '');
    if (!m) throw new Error(`no round link in mail: ${text?.slice(0, 200)}`);
    return `${base}${m[1]}`;
  };
  const mailTo = async (test: (m: { subject?: string; text?: string }) => boolean) => {
    for (let i = 0; i < 100; i++) {
      const found = t.smtp.messages.find((m) => test(m));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('mail not sent');
  };

  beforeAll(async () => {
    ensureWebBuild();
    [t, browser] = await Promise.all([startTestApp('web_walk', { clock }), launchBrowser()]);
    served = await serveProduct(t);
    base = served.url;
    officeTab = await watched();
    office = new Actions(officeTab.page);
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await t?.close();
    // the measured counts, for the issue's closing note
    process.stdout.write(`\nwalkthrough actions: ${JSON.stringify(measured)}\n`);
  });

  afterEach(() => {
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });

  it('starts the round from the letter: one policy, the past deadline flagged with quick picks, the launch naming the deadline', async () => {
    const { page } = office;
    await office.goto(`${base}/login`);
    await audit(page, 'login');
    await office.fill(page.getByLabel('用户名'), 'admin');
    await office.fill(page.getByLabel('密码'), 'demo1234');
    await office.press('Enter');
    await page.waitForURL('**/policies');
    await audit(page, 'login → policies');
    await office.click(page.getByRole('button', { name: '从征求意见函发起征求意见' }));
    await office.fill(page.getByLabel('征求意见函全文'), LETTER);
    await shot(page, 'from letter dialog');
    await office.click(page.getByRole('button', { name: '识别并预填' }));
    await page.waitForURL(/\/rounds\/[0-9a-f-]{36}$/);
    roundId = page.url().split('/').pop()!;
    // the demo already holds this very draft: no second policy of the same title
    await page.getByText('直接使用该版本').waitFor();
    const policies = await t.dataSource.query(`SELECT title FROM policy`);
    expect(policies).toHaveLength(1);
    // the letter's 于5月23日前 is two days gone: flagged, with the working-day picks beside it
    await page.getByText('截止日期已过').waitFor();
    await audit(page, 'round form');
    await office.click(page.getByRole('button', { name: /^5 个工作日后/ }));
    await expect(page.locator('.page-sub').innerText()).resolves.toContain('2023-06-01 23:59');
    await office.check(page.getByLabel('已知悉以上情况，仍按当前名单发出'));
    await office.click(page.getByRole('button', { name: '发出征求意见' }));
    const confirm = page.getByRole('dialog');
    await expect(confirm.innerText()).resolves.toContain('反馈截止 2023-06-01 23:59');
    await shot(page, 'launch confirmation');
    await office.click(confirm.getByRole('button', { name: '确认发出' }));
    await page.waitForURL('**/board');
    await page.getByText('已发出：34 个单位，34 封征求意见函，截止 2023-06-01 23:59').waitFor();
    await audit(page, 'board');
  });

  it('takes 省公安厅’s 无意见 from the letter’s link in one action after the scan', async () => {
    const { page } = await watched();
    const act = new Actions(page);
    const letter = await mailTo((m) => !!m.text?.startsWith('省公安厅：'));
    await act.goto(linkIn(letter.text));
    await page.waitForURL('**/login');
    await act.fill(page.getByLabel('用户名'), '省公安厅.approver');
    await act.fill(page.getByLabel('密码'), 'demo1234');
    await act.press('Enter');
    await page.waitForURL(`**/my/rounds/${roundId}`);
    await page.getByLabel('签发人').waitFor();
    // the approver's own name is the 签发人; the contact comes from the directory
    await expect(page.getByLabel('签发人').inputValue()).resolves.toBe('省公安厅签发人');
    await audit(page, 'unit round page');
    await act.chooseFile(page.locator('.seal-card input[type=file]'), SCAN);
    await page.getByText('已上传：盖章反馈函.pdf').waitFor();
    await act.click(page.getByRole('button', { name: '本单位无意见，盖章提交' }));
    await page.getByText('反馈已盖章提交').waitFor();
    const receipt = page.locator('.receipt');
    await expect(receipt.innerText()).resolves.toContain('无意见');
    // in plain words, checked as shown; the digest is folded away
    await receipt.getByText('有效（存档内容与回执一致）').waitFor();
    await expect(receipt.getByText('摘要（SHA-256）').isVisible()).resolves.toBe(false);
    await audit(page, 'receipt');
    measured.noComment = act.count;
    expect(act.overlaps).toEqual([]);
    expect(act.count).toBeLessThanOrEqual(BUDGET.reply);
  });

  it('takes 省自然资源厅’s one-item reply: select, 提意见, type, scan, seal', async () => {
    const { page } = await watched();
    const act = new Actions(page);
    await act.goto(`${base}/login`);
    await act.fill(page.getByLabel('用户名'), '省自然资源厅.approver');
    await act.fill(page.getByLabel('密码'), 'demo1234');
    await act.press('Enter');
    await page.waitForURL('**/my/rounds');
    await page.getByRole('link', { name: /^查看并反馈/ }).waitFor();
    await audit(page, 'my rounds');
    await act.click(page.getByRole('link', { name: /^查看并反馈/ }));
    const clause = page.getByRole('article', { name: '9.加快产业能级提升' });
    await scrollTo(page, clause);
    await act.select(clause.locator('.selectable'), '推动产业用地有机更新');
    await act.click(clause.getByRole('button', { name: '就所选文字提意见' }));
    await act.fill(page.getByLabel('第 1 条建议'), '推动低效产业用地有机更新');
    await shot(page, 'one item typed');
    await act.chooseFile(page.locator('.seal-card input[type=file]'), SCAN);
    await page.getByText('已上传：盖章反馈函.pdf').waitFor();
    await act.click(page.getByRole('button', { name: '加盖公章并提交（1 条意见）' }));
    await page.getByText('反馈已盖章提交').waitFor();
    measured.oneItem = act.count;
    expect(act.overlaps).toEqual([]);
    expect(act.count).toBeLessThanOrEqual(BUDGET.reply);
  });

  it('lets 宁波市政府办公厅 reply 无意见 for the city without asking for the two offices’ seals', async () => {
    const { page } = await watched();
    const act = new Actions(page);
    await act.goto(`${base}/login`);
    await act.fill(page.getByLabel('用户名'), '宁波市政府办公厅.approver');
    await act.fill(page.getByLabel('密码'), 'demo1234');
    await act.press('Enter');
    await act.click(page.getByRole('link', { name: /^查看并反馈/ }));
    await page.getByText('视为已经市政府同意').waitFor();
    await expect(page.getByText('（须加盖）').count()).resolves.toBe(0);
    await act.chooseFile(page.locator('.seal-card input[type=file]'), SCAN);
    await page.getByText('已上传：盖章反馈函.pdf').waitFor();
    await act.click(page.getByRole('button', { name: '本单位无意见，盖章提交' }));
    await page.getByText('反馈已盖章提交').waitFor();
    measured.cityNoComment = act.count;
    expect(act.count).toBeLessThanOrEqual(BUDGET.reply);
  });

  it('takes 杭州市建设局’s one-item reply for the city: 经市政府同意 and both offices’ seals within the budget', async () => {
    const { page } = await watched();
    const act = new Actions(page);
    const letter = await mailTo((m) => !!m.text?.startsWith('杭州市：'));
    await act.goto(linkIn(letter.text));
    await page.waitForURL('**/login');
    await act.fill(page.getByLabel('用户名'), '杭州市建设局.approver');
    await act.fill(page.getByLabel('密码'), 'demo1234');
    await act.press('Enter');
    await page.waitForURL(`**/my/rounds/${roundId}`);
    const clause = page.getByRole('article', { name: '1.提升市政设施品质' });
    await scrollTo(page, clause);
    await act.select(clause.locator('.selectable'), '加大城镇路网设施建设');
    await act.click(clause.getByRole('button', { name: '就所选文字提意见' }));
    await act.fill(page.getByLabel('第 1 条建议'), '加快城镇路网设施建设');
    await act.chooseFile(page.locator('.seal-card input[type=file]'), SCAN);
    await page.getByText('已上传：盖章反馈函.pdf').waitFor();
    // the two seals the rule asks for are ticked from the start; the statement is the approver's to make
    await expect(page.getByLabel(/^杭州市建设局（须加盖）/).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel(/^杭州市美丽城镇办（须加盖）/).isChecked()).resolves.toBe(true);
    await audit(page, 'city department reply');
    await act.check(page.getByLabel(/本反馈已经市政府同意/));
    await act.click(page.getByRole('button', { name: '加盖公章并提交（1 条意见）' }));
    await page.getByText('反馈已盖章提交').waitFor();
    await shot(page, 'walk-city-department-receipt');
    const [sealed] = await t.dataSource.query(`SELECT s.attestation, s.seals FROM sealed_submission s JOIN unit u ON u.id = s.unit_id WHERE u.short_name = '杭州市'`);
    expect(sealed.attestation).toMatchObject({ channel: 'department', statement: '经市政府同意' });
    expect(sealed.seals.map((x: { role: string }) => x.role).sort()).toEqual(['beautiful_towns_office', 'construction_authority']);
    measured.cityDepartmentOneItem = act.count;
    expect(act.overlaps).toEqual([]);
    expect(act.count).toBeLessThanOrEqual(BUDGET.reply);
  });

  it('has 省财政厅’s drafter hand two items over with 提交签发; the approver is mailed and seals from the link', async () => {
    const drafter = await watched();
    const act = new Actions(drafter.page);
    const letter = await mailTo((m) => !!m.text?.startsWith('省财政厅：'));
    await act.goto(linkIn(letter.text));
    await act.fill(drafter.page.getByLabel('用户名'), '省财政厅.drafter');
    await act.fill(drafter.page.getByLabel('密码'), 'demo1234');
    await act.press('Enter');
    await drafter.page.waitForURL(`**/my/rounds/${roundId}`);
    const item = async (n: number, label: string, quote: string, proposal: string) => {
      const clause = drafter.page.getByRole('article', { name: label });
      await scrollTo(drafter.page, clause);
      await act.select(clause.locator('.selectable'), quote);
      await act.click(clause.getByRole('button', { name: '就所选文字提意见' }));
      await act.fill(drafter.page.getByLabel(`第 ${n} 条建议`), proposal);
    };
    await item(1, '9.加快产业能级提升', '推动产业用地有机更新', '推动产业用地有机更新，加大财政资金统筹支持力度');
    await item(2, '18.健全长效发展机制', '探索建立“投建管运一体化”可持续机制', '探索建立“投建管运一体化”可持续机制，防范债务风险');
    await act.click(drafter.page.getByRole('button', { name: '提交签发（2 条意见）' }));
    await drafter.page.getByText(/已于 .* 提交签发（2 条意见）/).waitFor();
    await audit(drafter.page, 'drafter handed over');
    const drafterCount = act.count;

    const mail = await mailTo((m) => !!m.subject?.includes('省财政厅的反馈待签发'));
    const approver = await watched();
    const sign = new Actions(approver.page);
    await sign.goto(linkIn(mail.text));
    await approver.page.waitForURL('**/login');
    // the link names the approver's account: a password and Enter
    await expect(approver.page.getByLabel('用户名').inputValue()).resolves.toBe('省财政厅.approver');
    await sign.fill(approver.page.getByLabel('密码'), 'demo1234');
    await sign.press('Enter');
    await approver.page.waitForURL(`**/my/rounds/${roundId}`);
    // when it was handed over, on the round's clock like every other time the page shows
    await approver.page.getByText(/省财政厅起草人.*已于 2023-05-25 10:00 提交签发（2 条意见），请审阅后盖章提交/).waitFor();
    await audit(approver.page, 'approver sees the hand-over');
    await sign.chooseFile(approver.page.locator('.seal-card input[type=file]'), SCAN);
    await approver.page.getByText('已上传：盖章反馈函.pdf').waitFor();
    await sign.click(approver.page.getByRole('button', { name: '加盖公章并提交（2 条意见）' }));
    await approver.page.getByText('反馈已盖章提交').waitFor();
    measured.twoItemsHandedOver = drafterCount + sign.count;
    measured.twoItemsDrafter = drafterCount;
    measured.twoItemsApprover = sign.count;
    expect(drafterCount + sign.count).toBeLessThanOrEqual(BUDGET.reply + BUDGET.perFurtherItem + BUDGET.handOver);
  });

  it('runs the rest of the round on the office’s side within its budget: 催办, decisions, next version, downloads, 办结', async () => {
    const { page } = office;
    const row = (unit: string) => page.locator('tr').filter({ has: page.getByText(unit, { exact: true }) });
    // the board updated by itself
    await row('省财政厅').locator('.state-tag', { hasText: '已反馈（有意见）' }).waitFor();
    await expect(page.locator('.big-count').first().innerText()).resolves.toMatch(/已反馈\s*5\s*\/\s*34/);
    await office.click(page.getByRole('button', { name: '催办省教育厅' }));
    await page.getByText(/已向 1 个单位发出催办/).waitFor();
    expect((await keep(await office.download(page.getByRole('button', { name: '导出未反馈单位' })))).suggestedFilename()).toBe('未反馈单位-2023-05-25.xlsx');

    await office.click(page.getByRole('button', { name: '意见处理' }));
    await page.waitForURL('**/adoption');
    await shot(page, 'adoption before closing');
    await office.click(page.getByRole('button', { name: '截止征求' }));
    await office.click(page.getByRole('dialog').getByRole('button', { name: '截止', exact: true }));
    await page.getByText('已截止').first().waitFor();
    // audit the page at rest: the closing dialog's fading mask and the hover colour of the button just
    // clicked are passing states, not the page's contrast
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.mouse.move(0, 0);
    await audit(page, 'adoption');
    const finance = page.getByRole('group', { name: '9.加快产业能级提升的意见' });
    await office.click(finance.getByRole('button', { name: '采纳省财政厅的意见' }));
    const hangzhou = page.getByRole('group', { name: '1.提升市政设施品质的意见' });
    await office.click(hangzhou.getByRole('button', { name: '采纳杭州市的意见' }));
    await hangzhou.getByRole('group', { name: '杭州市的意见' }).locator('.decision-tag', { hasText: '采纳' }).waitFor();
    await finance.getByRole('group', { name: '省财政厅的意见' }).locator('.decision-tag', { hasText: '采纳' }).waitFor();
    // the dialog opens with the decision clicked, even after another was chosen and cancelled
    const item18 = page.getByRole('group', { name: '18.健全长效发展机制的意见' }).getByRole('group', { name: '省财政厅的意见' });
    await office.click(item18.getByRole('button', { name: '不采纳' }));
    await office.click(page.getByRole('dialog').getByRole('button', { name: '取消' }));
    await office.click(item18.getByRole('button', { name: '部分采纳' }));
    await audit(page, 'decision dialog');
    await expect(page.getByRole('dialog').locator('.ant-radio-button-wrapper-checked').innerText()).resolves.toBe('部分采纳');
    await office.fill(page.getByRole('dialog').getByLabel('理由 / 处理说明'), '长效机制已含风险防范要求，表述调整');
    await office.fill(page.getByRole('dialog').getByLabel('采纳后的表述（可选）'), '探索建立“投建管运一体化”可持续机制，防范化解债务风险');
    await office.click(page.getByRole('dialog').getByRole('button', { name: '保存' }));
    await page.getByText('已保存处理意见').waitFor();
    await office.click(finance.getByRole('group', { name: '省自然资源厅的意见' }).getByRole('button', { name: '不采纳' }));
    await office.fill(page.getByRole('dialog').getByLabel('理由 / 处理说明'), '与土地政策现行表述一致，暂不修改');
    await office.click(page.getByRole('dialog').getByRole('button', { name: '保存' }));
    await page.locator('.undecided-count').waitFor({ state: 'detached' });

    await office.click(page.getByRole('button', { name: '生成下一版本' }));
    await shot(page, 'generate dialog');
    await office.click(page.getByRole('button', { name: '生成', exact: true }));
    await page.getByText(/已生成《送审稿》/).waitFor();
    await audit(page, 'next version');
    expect((await keep(await office.download(page.getByRole('button', { name: '下载送审稿（Word）' })))).suggestedFilename()).not.toContain('意见意见');
    expect((await keep(await office.download(page.getByRole('button', { name: '下载修改对照表' })))).suggestedFilename()).toContain('修改对照表');
    await office.click(page.getByRole('tab', { name: '意见采纳情况表' }));
    const table = page.locator('.adoption-table');
    await table.waitFor();
    await audit(page, 'adoption table');
    // at 1366×768 every column is on the screen (cells wrap), none scrolled out of view
    const headers = await table.locator('th').evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().right));
    expect(headers).toHaveLength(7);
    expect(Math.max(...headers)).toBeLessThanOrEqual(1366);
    await expect(page.locator('.adoption-summary').innerText()).resolves.toContain('不采纳1条');
    const xlsx = await keep(await office.download(page.getByRole('button', { name: '下载 Excel' })));
    expect(xlsx.suggestedFilename()).toBe('《关于全面推进现代化美丽城镇建设的意见》意见采纳情况表.xlsx');
    await keep(await office.download(page.getByRole('button', { name: '下载 Word' })));
    await office.click(page.getByRole('button', { name: '办结' }));
    await office.click(page.getByRole('dialog').getByRole('button', { name: '办结' }));
    await page.getByText('已办结，下一版本已发布').waitFor();
    await shot(page, 'concluded');
    measured.office = office.count;
    expect(office.overlaps).toEqual([]);
    expect(office.count).toBeLessThanOrEqual(BUDGET.office);
  });

  it('keeps the finished round in the unit’s 我的征求意见 with its sealed reply, receipts and how each comment was decided', async () => {
    const { page } = pages[pages.length - 1]; // 省财政厅's approver
    await page.goto(`${base}/my/rounds`);
    await page.getByText('已办结', { exact: true }).waitFor();
    await page.getByRole('link', { name: /^查看：/ }).click();
    await page.getByRole('tab', { name: '本单位的反馈' }).waitFor();
    await page.getByText(/^R2-省财政厅-\d{4}$/).first().waitFor();
    await page.getByRole('tab', { name: '意见处理情况' }).click();
    await shot(page, 'unit decisions');
    const decided = page.getByRole('group', { name: '9.加快产业能级提升的处理情况' });
    await decided.getByText('采纳', { exact: true }).waitFor();
    await page.getByRole('group', { name: '18.健全长效发展机制的处理情况' }).getByText('部分采纳').waitFor();
    await page.getByRole('tab', { name: /^回执/ }).click();
    await page.getByText('第 1 次提交', { exact: true }).first().waitFor();
    await audit(page, 'finished round (unit)');
  });

  it('lands each account on its own home after sign-in, never on the page another account left', async () => {
    const { page } = office;
    await page.goto(`${base}/rounds/${roundId}/board`);
    await page.locator('.big-count').first().waitFor();
    // the session ends while the board is open (the token is no longer valid): the next poll signs out
    await page.evaluate(() => sessionStorage.setItem('zq.token', 'expired'));
    await page.waitForURL('**/login', { timeout: 15_000 });
    await page.getByLabel('用户名').fill('省公安厅.drafter');
    await page.getByLabel('密码').fill('demo1234');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/my/rounds');
    expect(new URL(page.url()).pathname).toBe('/my/rounds');
    // the refused polls of the ended session are what ended it
    officeTab.errors.splice(0, officeTab.errors.length, ...officeTab.errors.filter((e) => !/status of 401/.test(e.text)));
  });

  it('finds no serious accessibility issue on the screens walked through', () => {
    expect(a11y).toEqual([]);
  });
});

/** Scrolls the clause list (not an action) until the clause is rendered and on screen. */
async function scrollTo(page: Page, clause: ReturnType<Page['getByRole']>): Promise<void> {
  const list = page.getByRole('list', { name: '条款' });
  await list.waitFor();
  for (let i = 0; i < 80 && !(await clause.isVisible()); i++) await list.evaluate((el) => el.scrollBy(0, 400));
  await clause.scrollIntoViewIfNeeded();
}
