import { ManualClock } from '@zq/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ensureWebBuild, launchBrowser, openPage, serveProduct, signInAsDemo, WatchedPage } from '../support/browser';
import { aRound, importReferenceDraft, LETTER_DAY, settle, unitIds } from '../support/round-factories';
import { describeInBrowser } from '../support/services';
import { startTestApp, TestApp } from '../support/test-app';

const pdf = (label: string) => Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${label}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
const NOTE = { name: '附件3：起草说明.pdf', mimeType: 'application/pdf', buffer: pdf('起草说明') };
const WRONG = { name: '传错的文件.pdf', mimeType: 'application/pdf', buffer: pdf('传错了') };
const SCAN = { name: '自然资源厅来函.pdf', mimeType: 'application/pdf', buffer: pdf('盖章页') };
const LETTER_PDF = { name: '自然资源厅反馈意见.pdf', mimeType: 'application/pdf', buffer: readFileSync(join(__dirname, '..', 'fixtures', 'replies', 'ziranziyuan-letter.pdf')) };

/**
 * The letter's 附件 and the office's 代为录入 in a real browser: the office adds and removes files on
 * the draft round, the unit downloads them in the portal after launch, and office staff point the
 * rows of a letter that did not resolve at the right clause before recording it.
 */
describeInBrowser('web UI: letter attachments and unresolved rows in 代为录入', () => {
  const clock = new ManualClock(LETTER_DAY);
  let t: TestApp;
  let served: Awaited<ReturnType<typeof serveProduct>>;
  let browser: Browser;
  let office: WatchedPage;
  let roundId: string;
  let versionId: string;
  let units: Map<string, string>;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    [t, browser] = await Promise.all([startTestApp('web-letter-files', { clock }), launchBrowser()]);
    served = await serveProduct(t);
    const staff = await t.login('staff');
    units = await unitIds(t);
    versionId = await importReferenceDraft(t, staff);
    roundId = (await t.http().post('/api/v1/rounds').set('Authorization', staff).send(aRound(versionId, [units.get('省财政厅')!, units.get('省自然资源厅')!])).expect(201)).body.id;
    office = await openPage(browser);
    pages.push(office);
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await t?.close();
  });
  afterEach(() => {
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });

  it('on the draft round the office adds its files to the letter and removes one it added by mistake', async () => {
    const { page } = office;
    await page.goto(`${served.url}/login`);
    await page.getByRole('button', { name: '以省美丽城镇办管理员身份登录' }).click();
    await page.waitForURL('**/policies');
    await page.goto(`${served.url}/rounds/${roundId}`);
    const card = page.locator('#letter-attachments');
    await card.getByText('发出时自动附上征求意见稿（Word 版）和反馈意见表').waitFor();
    for (const file of [NOTE, WRONG]) {
      const chooser = page.waitForEvent('filechooser');
      await card.getByRole('button', { name: '添加附件' }).click();
      await (await chooser).setFiles(file);
      await card.getByText(file.name).waitFor();
    }
    await card.getByRole('button', { name: `删除 ${WRONG.name}` }).click();
    await page.getByRole('button', { name: '删除', exact: true }).click();
    await page.getByText(`已删除附件：${WRONG.name}`).waitFor();
    await expect(card.locator('.ant-list-item').allInnerTexts()).resolves.toEqual([expect.stringContaining(NOTE.name)]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM round_attachment_file WHERE round_id = $1`, [roundId]);
    expect(n).toBe(1);
  });

  it('after launch the unit finds the draft as Word, the 反馈意见表 and the office’s file in the portal and downloads them', async () => {
    const staff = await t.login('staff');
    await t.http().post(`/api/v1/rounds/${roundId}/coverage/acknowledge`).set('Authorization', staff).send({}).expect(200);
    await t.http().post(`/api/v1/rounds/${roundId}/launch`).set('Authorization', staff).send({}).expect(200);
    await settle(t, roundId, clock.now());
    const unit = await openPage(browser);
    pages.push(unit);
    await signInAsDemo(unit.page, served.url, '省财政厅', '签发人');
    await unit.page.waitForURL('**/my/rounds');
    await unit.page.goto(`${served.url}/my/rounds/${roundId}?tab=letter`);
    const list = unit.page.getByRole('region', { name: '征求意见函附件' });
    await list.getByText('反馈意见表.docx').waitFor();
    const names = await list.locator('.ant-list-item-meta-title').allInnerTexts();
    expect(names).toHaveLength(3);
    expect(names[0]).toMatch(/美丽城镇.*\.docx\s*征求意见稿/);
    expect(names[1]).toMatch(/^反馈意见表\.docx\s*反馈意见表/);
    expect(names[2]).toContain(NOTE.name);
    const download = unit.page.waitForEvent('download');
    await list.getByRole('button', { name: '下载 反馈意见表.docx' }).click();
    expect((await download).suggestedFilename()).toBe('反馈意见表.docx');
  });

  it('代为录入: the rows of a letter that did not resolve get their clause from the picker and are recorded on it', async () => {
    clock.set(new Date('2023-05-20T15:00:00+08:00')); // the letter came through OA that day
    const { page } = office;
    await page.goto(`${served.url}/rounds/${roundId}/board`);
    // what the letters carried, on the board
    await page.getByRole('tab', { name: '函件附件' }).click();
    await page.getByRole('button', { name: '下载 反馈意见表.docx' }).waitFor();
    await expect(page.getByRole('button', { name: /^删除 / }).count()).resolves.toBe(0);
    await page.getByRole('tab', { name: '反馈进度' }).click();
    await page.getByRole('button', { name: '代为录入：省自然资源厅的来函' }).click();
    await page.locator('section[aria-label="来函扫描件"] input[type=file]').setInputFiles(SCAN);
    await page.getByText(/自然资源厅来函\.pdf（SHA-256/).waitFor();
    // staff wait for the scan to show beside the form: Chromium's PDF viewer takes the focus once it has
    // loaded the file (its innermost frame), which would close a clause picker opened just before
    const viewerLoaded = () => page.frames().some((f) => f.url().startsWith('blob:') && !!f.parentFrame()?.url().startsWith('chrome-extension:'));
    for (const until = Date.now() + 10_000; !viewerLoaded() && Date.now() < until; ) await page.waitForTimeout(50);
    expect(viewerLoaded()).toBe(true);
    await page.locator('section[aria-label="录入内容"] input[type=file]').setInputFiles(LETTER_PDF);
    await page.getByText('2 条意见未能对应到条款').waitFor();

    // row 2 said 第3页第（二）项: the office sees on the scan it means 二、（二）, and searches for it
    const picker = page.getByLabel('第 2 条意见的条款');
    await picker.click();
    await picker.fill('二、（二）');
    await page.locator('.ant-select-item-option[title^="二、（二） "]').first().click();
    await page.getByText('1 条意见未能对应到条款').waitFor();

    await page.getByLabel('收文日期').click();
    await page.getByLabel('收文日期').fill('2023-05-20');
    await page.keyboard.press('Enter');
    await page.getByLabel('签发人').fill('张伟');
    await page.getByRole('button', { name: '核对无误，代为录入并签收' }).click();
    await page.getByText(/已代为录入并签收，回执编号/).waitFor();

    const items: { label: string | null; parent: string | null; kind: string; reason: string }[] = await t.dataSource.query(
      `SELECT c.label, p.label AS parent, i.kind, i.reason FROM sealed_item i
         JOIN sealed_submission s ON s.id = i.submission_id
         LEFT JOIN clause c ON c.id = i.clause_id LEFT JOIN clause p ON p.id = c.parent_id
        WHERE s.round_id = $1 AND s.unit_id = $2 ORDER BY i.position`,
      [roundId, units.get('省自然资源厅')],
    );
    expect(items.map((i) => [i.parent, i.label])).toEqual([
      ['（五）', '17.'],
      ['二、', '（二）'],
      [null, null],
    ]);
    expect(items[1].reason).not.toContain('原表所指');
    expect(items[2].reason).toContain('【原表所指：第五部分】');
  });
});
