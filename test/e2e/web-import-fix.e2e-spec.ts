import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { ensureWebBuild, launchBrowser, openPage, screenshot, serveProduct, signInAsDemo, WatchedPage } from '../support/browser';
import { describeInBrowser } from '../support/services';
import { startTestApp, TestApp } from '../support/test-app';

/** Filler items with long sentences: the source lines and the clauses wrap several times on screen. */
const filler = Array.from({ length: 27 }, (_, i) => `${i + 4}.专项任务${i + 4}。围绕城镇功能完善、环境整治、产业发展和治理能力提升，统筹推进第${i + 4}项具体工作，明确时间表、路线图和责任人，确保各项措施落到实处、取得实效，形成可复制可推广的经验做法。`);
const DRAFT = [
  '关于推进城镇品质提升的实施意见',
  '',
  '一、总体要求',
  `（一）指导思想。${'坚持以人民为中心的发展思想，完整、准确、全面贯彻新发展理念，'.repeat(6)}推动城镇高质量发展。`,
  '（二）主要目标。到2027年全面完成。',
  '（三）确保按期完成。',
  '二、基本原则',
  '三、主要任务',
  '1.完善设施。完善城镇基础设施。（责任单位：省建设厅、省水利厅）',
  '2.提升服务。提升公共服务水平。推进数字化转型，建设智慧城镇。',
  '3.强化保障。加强组织领导。',
  ...filler,
  '32.加强考核。将实施情况纳入年度考核。',
  '',
].join('\n');

interface Shown {
  kind: string;
  label: string;
  heading: string;
  text: string;
  responsibleUnits?: { name: string; isLead: boolean }[];
  responsibilities?: { name: string; isLead: boolean }[];
  children: Shown[];
}
const shape = (nodes: Shown[]): unknown[] =>
  nodes.map((n) => ({ kind: n.kind, label: n.label, heading: n.heading, text: n.text, units: (n.responsibleUnits ?? n.responsibilities ?? []).map((u) => [u.name, u.isLead]), children: shape(n.children) }));

/** Is the element inside the visible part of the scrolling clause list? (polled: the list settles over a few frames as rows are measured) */
async function inView(list: Locator, el: Locator, within = 5000): Promise<boolean> {
  const until = Date.now() + within;
  for (;;) {
    const [a, b] = await Promise.all([list.boundingBox(), el.boundingBox()]);
    if (!!a && !!b && b.y >= a.y - 1 && b.y + Math.min(b.height, 40) <= a.y + a.height + 1) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The office's first step in a real browser: a pasted draft the importer reads wrongly in places is
 * corrected on the review screen itself — merge, demote, promote, split at the cursor, move the 责任单位
 * note, mark the lead — the warning list jumps to its clause by key (before and after corrections,
 * with long wrapping lines), and what is saved is the tree as corrected. The version page offers the
 * same controls.
 */
describeInBrowser('web UI: correcting the parsed tree before saving', () => {
  let t: TestApp;
  let served: Awaited<ReturnType<typeof serveProduct>>;
  let browser: Browser;
  let office: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    [t, browser] = await Promise.all([startTestApp('webfix'), launchBrowser()]);
    served = await serveProduct(t);
    office = await openPage(browser);
    page = office.page;
    await signInAsDemo(page, served.url, '省美丽城镇办', '管理员');
    await page.waitForURL('**/policies');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await t?.close();
  });

  afterEach(() => expect(office.errors).toEqual([]));

  const clause = (name: string) => page.getByRole('list', { name: '解析出的条款' }).getByRole('article', { name, exact: true });
  const fix = async (name: string, action: string) => {
    await page.getByRole('button', { name: `修正条款 ${name}`, exact: true }).click();
    await page.getByRole('menuitem', { name: action }).click();
    // an action named with … opens a dialog, which takes the focus once its opening animation ends: a list
    // opened in it before then closes again (on a slow machine the pick was lost), so wait for that focus,
    // as a person waits for the dialog to open
    if (action.endsWith('…')) await page.waitForFunction(() => !!document.activeElement?.closest('.ant-modal'));
  };
  /** waits for the correction's answer and returns the tree it gave */
  /** 保存导入, then the version's tree as the server stores it (`reread` asks again later) */
  const saveImport = async () => {
    await page.getByRole('button', { name: '保存导入' }).click();
    await page.waitForURL('**/versions/*');
    const versionId = page.url().split('/versions/')[1];
    const token = await page.evaluate(() => sessionStorage.getItem('zq.token'));
    const reread = async () => (await t.http().get(`/api/v1/versions/${versionId}/clauses`).set('Authorization', `Bearer ${token}`).expect(200)).body;
    return { saved: await reread(), reread };
  };
  const corrected = async (act: () => Promise<void>): Promise<Shown[]> => {
    const answer = page.waitForResponse((r) => r.url().endsWith('/policies/import/preview/edit') && r.request().method() === 'POST');
    await act();
    const res = await answer;
    expect(res.status()).toBe(201);
    return res.json();
  };

  it('jumps from a warning to its clause, corrects the tree with the row controls, and saves it as shown', async () => {
    await page.goto(`${served.url}/policies/import`);
    await page.getByLabel('征求意见稿原文').fill(DRAFT);
    await page.getByRole('button', { name: '解析预览' }).click();
    const list = page.getByRole('list', { name: '解析出的条款' });
    await clause('一、总体要求').waitFor();

    // the numbering gap at the last line: the warning names clause 三、 › 32., far below the fold
    const warning = page.getByRole('button', { name: /^定位到条款：第\d+行：编号“32\.”与前文不连续/ });
    const target = clause('32.加强考核');
    expect(await target.count()).toBe(0); // not rendered yet: the list is windowed
    await warning.click();
    await target.waitFor();
    await expect(target.evaluate((el) => el.classList.contains('clause-highlight'))).resolves.toBe(true);
    expect(await inView(list, target)).toBe(true);
    // the source line is selected too, scrolled into view with the textarea's own wrapping
    const source = page.getByLabel('征求意见稿原文');
    const selected = await source.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
    expect(selected).toBe('32.加强考核。将实施情况纳入年度考核。');
    expect(await source.evaluate((el: HTMLTextAreaElement) => el.scrollTop + el.clientHeight >= el.scrollHeight - 60)).toBe(true);

    await list.evaluate((el) => (el.scrollTop = 0));
    // merge: （三） is the end of （二）'s sentence
    await corrected(() => fix('（三）确保按期完成。', '与上一条合并'));
    await clause('（二）主要目标').waitFor();
    expect(await clause('（三）确保按期完成。').count()).toBe(0);
    // demote: 二、基本原则 belongs under 一、 — one click, and it becomes （三）
    await corrected(() => page.getByRole('button', { name: '降一级 二、基本原则', exact: true }).click());
    await clause('（三）基本原则').waitFor();
    await clause('二、主要任务').waitFor();
    // promote: 3.强化保障 is a part of its own — one click, it becomes 三、 and the items after it are its own
    await corrected(() => page.getByRole('button', { name: '升一级 3.强化保障', exact: true }).click());
    await clause('三、强化保障').waitFor();

    // split 2. at the cursor before 推进数字化转型
    await fix('2.提升服务', '在光标处拆分…');
    const splitAt = page.getByLabel('拆分位置');
    await splitAt.evaluate((el: HTMLTextAreaElement) => {
      const at = el.value.indexOf('推进数字化转型');
      el.focus();
      el.setSelectionRange(at, at);
    });
    await corrected(() => page.getByRole('button', { name: '在光标处拆分' }).click());
    await clause('3.推进数字化转型，建设智慧城镇。').waitFor();

    // the 责任单位 note belongs to 2., with 省水利厅 leading
    await fix('1.完善设施', '责任单位移到…');
    await page.getByLabel('目标条款').click();
    await page.getByTitle('2.提升服务', { exact: true }).click();
    await corrected(() => page.getByRole('button', { name: '移动' }).click());
    await clause('2.提升服务').locator('.unit-tag').first().waitFor();
    // still linked to the directory after the correction
    expect(await clause('2.提升服务').locator('.unit-tag').allInnerTexts()).toEqual(['省建设厅', '省水利厅']);
    await fix('2.提升服务', '设牵头单位…');
    await page.getByRole('combobox', { name: '牵头单位' }).click();
    await page.getByTitle('省水利厅', { exact: true }).click();
    const last = await corrected(() => page.getByRole('dialog', { name: '设牵头单位' }).getByRole('button', { name: '保存' }).click());
    await clause('2.提升服务').getByText('牵头').waitFor();

    // the warning still finds its clause, by key, though it is now 三、 › 28.
    await list.evaluate((el) => (el.scrollTop = 0));
    await warning.click();
    const moved = clause('28.加强考核');
    await moved.waitFor();
    expect(await inView(list, moved)).toBe(true);
    await page.getByText('已修正 6 处，保存时按右侧修正后的条款树保存').waitFor();
    await list.evaluate((el) => (el.scrollTop = 0));
    await screenshot(page, 'import-correct');

    expect(shape(last).slice(0, 2)).toEqual([
      {
        kind: 'part',
        label: '一、',
        heading: '总体要求',
        text: '',
        units: [],
        children: [
          expect.objectContaining({ label: '（一）', heading: '指导思想' }),
          expect.objectContaining({ label: '（二）', heading: '主要目标', text: '到2027年全面完成。确保按期完成。' }),
          expect.objectContaining({ label: '（三）', heading: '基本原则' }),
        ],
      },
      {
        kind: 'part',
        label: '二、',
        heading: '主要任务',
        text: '',
        units: [],
        children: [
          expect.objectContaining({ label: '1.', heading: '完善设施', units: [] }),
          expect.objectContaining({ label: '2.', heading: '提升服务', text: '提升公共服务水平。', units: [['省建设厅', false], ['省水利厅', true]] }),
          expect.objectContaining({ label: '3.', heading: '', text: '推进数字化转型，建设智慧城镇。' }),
        ],
      },
    ]);

    const { saved, reread } = await saveImport();
    expect(shape(saved)).toEqual(shape(last));

    // a version still in editing has the same controls
    await page.getByRole('article', { name: '2.提升服务', exact: true }).waitFor();
    await page.getByRole('button', { name: '降一级 3.推进数字化转型，建设智慧城镇。', exact: true }).click();
    await page.getByRole('article', { name: '（1）推进数字化转型，建设智慧城镇。', exact: true }).waitFor();
    // and the lead is one click on the unit
    const item2 = page.getByRole('article', { name: '2.提升服务', exact: true });
    await item2.getByRole('button', { name: '设省建设厅为牵头单位' }).click();
    await item2.getByRole('button', { name: '取消省建设厅的牵头单位' }).waitFor();
    const after = await reread();
    expect(after[1].children[1].responsibilities.map((u: { name: string; isLead: boolean }) => [u.name, u.isLead])).toEqual([['省建设厅', true], ['省水利厅', false]]);
  });

  it('uploads a legacy .doc regulation, corrects an article that should be an item, and saves it so', async () => {
    await page.goto(`${served.url}/policies/import`);
    await page.getByRole('tab', { name: '上传文件' }).click();
    const doc = join(__dirname, '..', 'fixtures', 'drafts', 'regulation-gas-chapters.doc');
    await page.locator('input[type=file]').setInputFiles({ name: '燃气管理条例.doc', mimeType: 'application/msword', buffer: readFileSync(doc) });
    await page.getByText('已选择：燃气管理条例.doc').waitFor();
    await page.getByRole('button', { name: '解析预览' }).click();
    await page.getByRole('heading', { name: '浙江省城镇燃气管理条例（修订草案征求意见稿）' }).waitFor();
    await clause('第一章 总则').waitFor();
    // two corrections clicked at once, before the first has answered: both apply, one after the other
    const answers: Shown[][] = [];
    const both = new Promise<void>((resolve) =>
      page.on('response', (r) => {
        if (r.url().endsWith('/policies/import/preview/edit')) void r.json().then((j) => answers.push(j) === 2 && resolve());
      }),
    );
    const slow = '**/policies/import/preview/edit';
    await page.route(slow, async (route) => {
      await new Promise((r) => setTimeout(r, 1500)); // the first is still on its way when the second is clicked
      await route.continue();
    });
    await page.getByRole('button', { name: /^降一级 第二条 本省行政区域内/ }).click();
    await page.getByRole('button', { name: /^降一级 第四条 县级以上人民政府/ }).click();
    await both;
    await page.unroute(slow);
    const last = answers[1];
    await page.getByRole('list', { name: '解析出的条款' }).getByRole('article', { name: /^（一）县级以上人民政府/ }).waitFor();
    // 第二条 under 第一条 is its 项 （一）; the articles after it renumber through the text
    await page.getByRole('list', { name: '解析出的条款' }).getByRole('article', { name: /^（一）本省行政区域内/ }).waitFor();
    await page.getByRole('list', { name: '解析出的条款' }).getByRole('article', { name: /^第二条 燃气工作应当坚持/ }).waitFor();
    const { saved } = await saveImport();
    expect(shape(saved)).toEqual(shape(last));
    expect(saved[0].children[0].children[0]).toMatchObject({ kind: 'item', label: '（一）' });
    expect(saved[0].children[1]).toMatchObject({ kind: 'article', label: '第二条' });
    expect(saved[0].children[1].children[0]).toMatchObject({ kind: 'item', label: '（一）' });
    expect(saved[0].children[1].children[0].text).toMatch(/^县级以上人民政府/);
  });
});
