import { ManualClock } from '@zq/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ensureWebBuild, launchBrowser, openPage, screenshot, selectText, serveProduct, signInAsDemo, WatchedPage } from '../support/browser';
import { describeInBrowser } from '../support/services';
import { startTestApp, TestApp } from '../support/test-app';

const LETTER = readFileSync(join(__dirname, '..', 'fixtures', 'beautiful-towns-round2-letter.txt'), 'utf8');
const SCAN = { name: '盖章反馈函.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% 盖章页\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n') };

/** The only console error the story provokes on purpose: the server refusing 杭州市's reply (HTTP 422). */
const EXPECTED_ERRORS = [/status of 422/];
const EXPECTED_URLS = [/\/my-reply\/seal$/];

/**
 * The reference case (二次征求意见) driven through the web UI in Debian's Chromium, against the whole
 * product on a throw-away database, on the day the letter was sent (2023-05-17): the office imports,
 * creates the round from the letter, sees the coverage warning and launches; three units reply in the
 * portal (one 无意见, a city refused without 经市政府同意 and then accepted); the office's board updates
 * by itself and shows who has not replied; then decisions, the next version in redline, the adoption
 * table and 办结. Any console error fails it. Screenshots of the main screens go to docs/screenshots.
 */
describeInBrowser('web UI: the reference case in a real browser', () => {
  const clock = new ManualClock(new Date('2023-05-17T10:00:00+08:00'));
  let t: TestApp;
  let served: Awaited<ReturnType<typeof serveProduct>>;
  let browser: Browser;
  let office: WatchedPage;
  const pages: WatchedPage[] = [];
  let base: string;

  const watched = async (viewport?: { width: number; height: number }) => {
    const p = await openPage(browser, viewport);
    pages.push(p);
    return p;
  };

  /** The round's board in the office's tab, which is never reloaded after launch. */
  let boardUrl: string;

  beforeAll(async () => {
    ensureWebBuild();
    [t, browser] = await Promise.all([startTestApp('web', { clock }), launchBrowser()]);
    served = await serveProduct(t);
    base = served.url;
    office = await watched();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await t?.close();
  });

  afterEach(() => {
    // any console error in any tab fails the story, except the refusal it provokes on purpose
    const unexpected = pages.flatMap((p) => p.errors).filter((e) => !(EXPECTED_ERRORS.some((r) => r.test(e.text)) && EXPECTED_URLS.some((r) => r.test(e.url))));
    expect(unexpected).toEqual([]);
  });

  it('offers the 演示账号 on the login page and opens the demo draft as a tree with the lead units marked 牵头', async () => {
    const { page } = office;
    await page.goto(`${base}/`);
    await page.waitForURL('**/login');
    await page.getByText('演示账号', { exact: true }).waitFor();
    await page.getByText('密码均为 demo1234，点击即可登录').waitFor();
    await screenshot(page, 'login');

    await page.getByRole('button', { name: '以省美丽城镇办管理员身份登录' }).click();
    await page.waitForURL('**/policies');
    await page.getByRole('link', { name: '第1版 · 二次征求意见稿' }).click();
    await page.waitForURL('**/versions/*');
    const clause = page.getByRole('article', { name: '（一）指导思想' });
    await clause.waitFor();
    await page.getByRole('navigation', { name: '条款目录' }).getByText('9.加快产业能级提升').click();
    const item9 = page.getByRole('article', { name: '9.加快产业能级提升' });
    await item9.getByText('牵头').waitFor();
    expect(await item9.locator('.unit-tag').first().innerText()).toContain('省发展改革委');
    await screenshot(page, 'version');
  });

  it('imports a pasted draft as a new version after previewing its tree beside the source, and shows the change in redline', async () => {
    const { page } = office;
    await page.goto(`${base}/policies`);
    await page.getByRole('button', { name: '导入新版本' }).click();
    await page.getByLabel('征求意见稿原文').fill(LETTER.replace('推动产业用地有机更新', '推动低效产业用地有机更新'));
    await page.getByRole('button', { name: '解析预览' }).click();
    await page.getByText('识别到的征求意见函').waitFor();
    await page.getByRole('list', { name: '解析出的条款' }).getByText('总体要求').waitFor();
    await screenshot(page, 'import');

    await page.getByLabel('版本名称').fill('二次征求意见稿（修改）');
    await page.getByRole('button', { name: '保存导入' }).click();
    await page.waitForURL('**/versions/*');
    await page.getByLabel('与其他版本比较').click();
    await page.getByTitle('第1版 · 二次征求意见稿').click();
    await page.waitForURL('**/diff/**');
    const change = page.getByRole('article', { name: /修改 9\./ });
    await expect(change.locator('ins.rl-ins').innerText()).resolves.toContain('低效');
    await screenshot(page, 'diff');
  });

  it('creates the round from the letter, warns that 省科技厅 and 省文物局 are not asked, and launches it to 34 units', async () => {
    const { page } = office;
    await page.goto(`${base}/policies`);
    await page.getByRole('link', { name: '第1版 · 二次征求意见稿' }).click();
    await page.getByRole('button', { name: '按征求意见函创建轮次' }).click();
    await page.waitForURL(/\/rounds\/[0-9a-f-]{36}$/);
    const coverage = page.locator('#coverage');
    await coverage.getByText('2 个责任单位不在征求对象中').waitFor();
    expect((await coverage.locator('.coverage-unit').allInnerTexts()).sort()).toEqual(['省文物局', '省科技厅'].sort());
    await expect(page.getByText('已选 34 家').isVisible()).resolves.toBe(true);
    await screenshot(page, 'round', { fullPage: true });

    await page.getByRole('button', { name: '发出征求意见' }).click();
    await page.getByText('发出前请先核对覆盖检查提示，并勾选“已知悉”').waitFor();
    await page.getByLabel('已知悉以上情况，仍按当前名单发出').check();
    await page.getByRole('button', { name: '发出征求意见' }).click();
    await page.getByRole('button', { name: '确认发出' }).click();
    await page.waitForURL('**/board');
    boardUrl = page.url();
    await page.getByText('已发出：34 个单位，34 封征求意见函，截止 2023-05-23 23:59').waitFor();
    await expect(page.locator('.big-count').first().innerText()).resolves.toMatch(/已反馈\s*0\s*\/\s*34/);
  });

  it('lets 省财政厅 quote clause 9, autosaves the item, seals it with the scan and returns a receipt that verifies', async () => {
    const { page } = await watched();
    await signInAsDemo(page, base, '省财政厅', '签发人');
    await page.waitForURL('**/my/rounds');
    await page.getByRole('link', { name: /^查看并反馈/ }).click();
    await page.getByRole('tab', { name: /逐条反馈/ }).click();
    await page.getByLabel('搜索条款').fill('9.加快产业');
    const clause9 = page.getByRole('article', { name: '9.加快产业能级提升' });
    await selectText(clause9.locator('.selectable'), '推动产业用地有机更新');
    await clause9.getByRole('button', { name: '就所选文字提意见' }).click();
    await expect(page.getByLabel('第 1 条原文').inputValue()).resolves.toBe('推动产业用地有机更新');
    await page.getByLabel('第 1 条建议').fill('推动低效产业用地有机更新');
    await page.getByLabel('第 1 条理由').fill('与土地政策表述一致');
    await page.getByText(/已自动保存（第 \d+ 版/).waitFor();
    await screenshot(page, 'unit-reply');

    await page.getByLabel('签发人').fill('王建国');
    await page.getByLabel('联系人').fill('李明');
    await page.getByLabel('联系电话').fill('0571-87050000');
    await page.locator('.seal-card input[type=file]').setInputFiles(SCAN);
    await page.getByText('已上传：盖章反馈函.pdf').waitFor();
    await page.getByRole('button', { name: '加盖公章并提交' }).click();
    await page.getByText('反馈已盖章提交').waitFor();
    const trackingNo = await page.locator('.tracking-no').innerText();
    expect(trackingNo).toMatch(/^R2-省财政厅-\d{4}$/);
    await page.locator('.receipt').getByText('有效（存档内容与回执一致）').waitFor();
    await page.locator('.my-state', { hasText: '已反馈（有意见）' }).waitFor();
    await screenshot(page, 'receipt', { fullPage: true });
  });

  it('takes 省公安厅’s 无意见 as one clear action after the scan and seals it (on a tablet, signed in with the keyboard)', async () => {
    const { page } = await watched({ width: 1024, height: 768 });
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill('省公安厅.approver');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo1234');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/my/rounds');
    await page.getByRole('link', { name: /^查看并反馈/ }).click();
    await page.getByRole('tab', { name: /逐条反馈/ }).click();
    await page.locator('.seal-card input[type=file]').setInputFiles(SCAN);
    await page.getByText('已上传：').waitFor();
    await page.getByRole('button', { name: '本单位无意见，盖章提交' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'unit-no-comment-tablet');
    await page.getByRole('button', { name: '本单位无意见，盖章提交' }).click();
    await page.getByText('反馈已盖章提交').waitFor();
    await expect(page.locator('.receipt').innerText()).resolves.toContain('无意见');
    // the round's status tag says so at once, as it would after a reload
    await page.locator('.my-state', { hasText: '已反馈（无意见）' }).waitFor();
  });

  it('refuses 杭州市建设局’s reply without 经市政府同意, saying so next to the field, then accepts it with the statement and both seals', async () => {
    const { page } = await watched();
    await signInAsDemo(page, base, '杭州市建设局', '签发人');
    await page.waitForURL('**/my/rounds');
    await page.getByRole('link', { name: /^查看并反馈/ }).click();
    await page.getByRole('tab', { name: /逐条反馈/ }).click();
    await page.getByLabel('搜索条款').fill('加大城镇路网');
    const clause1 = page.getByRole('article', { name: '1.提升市政设施品质' });
    await selectText(clause1.locator('.selectable'), '加大城镇路网设施建设');
    await clause1.getByRole('button', { name: '就所选文字提意见' }).click();
    await page.getByLabel('第 1 条建议').fill('加快城镇路网设施建设');
    await page.getByLabel('第 1 条理由').fill('与市级规划衔接');
    await page.getByText(/已自动保存（第 \d+ 版/).waitFor();

    await page.getByLabel('签发人').fill('钱塘');
    await page.getByLabel('联系人').fill('周杭');
    await page.getByLabel('联系电话').fill('0571-85000000');
    await page.locator('.seal-card input[type=file]').setInputFiles(SCAN);
    await page.getByText('已上传：').waitFor();
    await page.getByLabel(/^杭州市美丽城镇办/).check();
    await page.getByRole('button', { name: '加盖公章并提交' }).click();
    const approval = page.locator('.ant-form-item').filter({ has: page.getByLabel(/本反馈已经市政府同意/) });
    await approval.locator('.ant-form-item-explain-error').getByText('杭州市的反馈须经市政府同意').waitFor();
    await screenshot(page, 'unit-city-refused');

    await page.getByLabel(/本反馈已经市政府同意/).check();
    await page.getByRole('button', { name: '加盖公章并提交' }).click();
    await page.getByText('反馈已盖章提交').waitFor();
    await expect(page.locator('.tracking-no').innerText()).resolves.toMatch(/^R2-杭州市-\d{4}$/);
  });

  it('updates the office board by itself, lists who has not replied, exports them, and returns a reply for correction', async () => {
    const { page } = office;
    expect(page.url()).toBe(boardUrl);
    const row = (unit: string) => page.locator('tr').filter({ has: page.getByText(unit, { exact: true }) });
    const state = (unit: string, label: string) => row(unit).locator('.state-tag', { hasText: label }).waitFor();
    await state('省财政厅', '已反馈（有意见）');
    await state('省公安厅', '已反馈（无意见）');
    await state('杭州市', '已反馈（有意见）');
    await expect(page.locator('.big-count').first().innerText()).resolves.toMatch(/已反馈\s*3\s*\/\s*34/);
    await screenshot(page, 'board');

    await page.getByRole('tab', { name: '未反馈单位（31）' }).click();
    const notReplied = page.getByRole('tabpanel', { name: '未反馈单位（31）' });
    await notReplied.getByText('省教育厅', { exact: true }).waitFor();
    await expect(notReplied.getByText('省财政厅', { exact: true }).count()).resolves.toBe(0);
    // the server names a city's contacts through its offices: the browser rebuilds nothing
    await expect(notReplied.locator('tr').filter({ has: page.getByText('宁波市', { exact: true }) }).innerText()).resolves.toContain('宁波市建设局');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出未反馈单位' }).click();
    expect((await download).suggestedFilename()).toBe('未反馈单位-2023-05-17.xlsx');

    await page.getByRole('tab', { name: '邮件记录' }).click();
    await page.getByRole('tabpanel', { name: '邮件记录' }).getByText('征求意见函').first().waitFor();

    await page.getByRole('tab', { name: '反馈进度' }).click();
    await page.getByRole('button', { name: '退回补正：杭州市的反馈' }).click();
    await page.getByLabel('退回原因').fill('请附市政府同意的文件');
    await page.getByRole('button', { name: '退回', exact: true }).click();
    await state('杭州市', '退回补正');
  });

  it('decides on the comments, generates the 送审稿 with the adopted wording in redline, downloads the adoption table and concludes', async () => {
    const { page } = office;
    await page.getByRole('button', { name: '意见处理' }).click();
    await page.waitForURL('**/adoption');
    await page.getByRole('button', { name: '截止征求' }).click();
    await page.getByRole('button', { name: '截止', exact: true }).click();
    await page.getByRole('button', { name: '采纳省财政厅的意见' }).click();
    await page.getByRole('group', { name: '省财政厅的意见' }).locator('.decision-tag', { hasText: '采纳' }).waitFor();
    await page.getByRole('list', { name: '按条款分组的意见' }).evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'adoption');

    await page.getByRole('button', { name: '生成下一版本' }).click();
    await page.getByRole('button', { name: '生成', exact: true }).click();
    await page.getByText('已生成《送审稿》：自动修改 1 处，需人工修改 0 处').waitFor();
    const change = page.getByRole('list', { name: '下一版本的修改' }).getByRole('article', { name: /修改 9\./ });
    await expect(change.locator('ins.rl-ins').innerText()).resolves.toBe('低效');
    await screenshot(page, 'adoption-next-version');

    await page.getByRole('tab', { name: '意见采纳情况表' }).click();
    await expect(page.locator('.adoption-summary').innerText()).resolves.toContain('共1条意见，采纳1条，部分采纳0条，不采纳0条');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 Excel' }).click();
    expect((await download).suggestedFilename()).toMatch(/意见采纳情况表\.xlsx$/);

    await page.getByRole('button', { name: '办结' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '办结' }).click();
    await page.getByText('已办结，下一版本已发布').waitFor();
  });
});
