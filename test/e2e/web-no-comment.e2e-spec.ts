import { ManualClock } from '@zq/common';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuild, launchBrowser, openPage, selectText, serveProduct, signInAsDemo, WatchedPage } from '../support/browser';
import { LETTER_DAY, launchReferenceRound, unitIds } from '../support/round-factories';
import { describeInBrowser } from '../support/services';
import { startTestApp, TestApp } from '../support/test-app';

const SCAN = { name: '盖章反馈函.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% 盖章页\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n') };

/**
 * 无意见 chosen over a draft that already holds a comment (confirmNoComment): the unit is asked first,
 * 取消 keeps the comment and seals or hands over nothing, confirming seals (or hands over) 无意见 —
 * for the approver's 盖章提交 and the drafter's 提交签发. The reference round is launched through the
 * API; the units act in Chromium; what was kept or sealed is read from the database.
 */
describeInBrowser('web UI: 无意见 over a draft with comments asks first', () => {
  const clock = new ManualClock(LETTER_DAY);
  let t: TestApp;
  let served: Awaited<ReturnType<typeof serveProduct>>;
  let browser: Browser;
  let base: string;
  let roundId: string;
  let units: Map<string, string>;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    [t, browser] = await Promise.all([startTestApp('web_no_comment', { clock }), launchBrowser()]);
    served = await serveProduct(t);
    base = served.url;
    roundId = await launchReferenceRound(t, await t.login('admin'));
    units = await unitIds(t);
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });

  /** Signs in as the unit's account and opens the round on its reply. */
  const openRound = async (unit: string, role: string): Promise<Page> => {
    const watched = await openPage(browser);
    pages.push(watched);
    const { page } = watched;
    await signInAsDemo(page, base, unit, role);
    await page.waitForURL('**/my/rounds');
    await page.getByRole('link', { name: /^查看并反馈/ }).click();
    await page.getByRole('tab', { name: /逐条反馈/ }).click();
    await page.locator('.my-state', { hasText: '已查看' }).waitFor();
    return page;
  };

  /** Writes one comment on clause 9 and waits for its autosave. */
  const writeOneComment = async (page: Page) => {
    await page.getByLabel('搜索条款').fill('9.加快产业');
    const clause9 = page.getByRole('article', { name: '9.加快产业能级提升' });
    await selectText(clause9.locator('.selectable'), '推动产业用地有机更新');
    await clause9.getByRole('button', { name: '就所选文字提意见' }).click();
    await page.getByLabel('第 1 条建议').fill('推动低效产业用地有机更新');
    await page.getByText(/已自动保存（第 \d+ 版/).waitFor();
  };

  const draftOf = async (unit: string) =>
    (
      await t.dataSource.query(`SELECT kind, jsonb_array_length(items) AS items, handed_over_version AS "handedOverVersion", version FROM feedback_draft WHERE round_id = $1 AND unit_id = $2`, [
        roundId,
        units.get(unit),
      ])
    )[0] as { kind: string; items: number; handedOverVersion: number | null; version: number };
  const sealedOf = (unit: string): Promise<{ kind: string; items: number }[]> =>
    t.dataSource.query(
      `SELECT s.kind, (SELECT count(*)::int FROM sealed_item i WHERE i.submission_id = s.id) AS items FROM sealed_submission s WHERE s.round_id = $1 AND s.unit_id = $2 ORDER BY s.revision`,
      [roundId, units.get(unit)],
    );

  /** The question confirmNoComment asks before `step`: answered with 取消 or with 无意见. */
  const question = async (page: Page, step: string) => {
    const dialog = page.getByRole('dialog', { name: `改为“本单位无意见”并${step}？` });
    // answered once it has zoomed in, as a person would: a click during antd's zoom can miss the button
    await page.locator('.ant-modal-confirm:not(.ant-zoom-appear)').waitFor();
    await expect(dialog.innerText()).resolves.toContain('已填写的 1 条意见将被清除。');
    return dialog;
  };

  it('asks before sealing 无意见 over a comment: 取消 keeps the comment and seals nothing, confirming seals 无意见', async () => {
    const page = await openRound('省教育厅', '签发人');
    await page.locator('.seal-card input[type=file]').setInputFiles(SCAN);
    await page.getByText('已上传：盖章反馈函.pdf').waitFor();
    await writeOneComment(page);
    // the saved draft made the unit 起草中: the tag says so without a reload, and the page keeps what was entered
    await page.locator('.my-state', { hasText: '起草中' }).waitFor();
    await page.getByText('已上传：盖章反馈函.pdf').waitFor();

    await page.getByRole('button', { name: '本单位无意见，盖章提交' }).click();
    let dialog = await question(page, '盖章提交');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // the comment is still on the page and in the saved draft; nothing was sealed
    await expect(page.getByLabel('第 1 条建议').inputValue()).resolves.toBe('推动低效产业用地有机更新');
    await page.getByRole('tab', { name: '逐条反馈（1）' }).waitFor();
    await page.getByRole('button', { name: '加盖公章并提交（1 条意见）' }).waitFor();
    await expect(draftOf('省教育厅')).resolves.toMatchObject({ kind: 'with_comments', items: 1 });
    await expect(sealedOf('省教育厅')).resolves.toEqual([]);

    await page.getByRole('button', { name: '本单位无意见，盖章提交' }).click();
    dialog = await question(page, '盖章提交');
    await dialog.getByRole('button', { name: '无意见，盖章提交' }).click();
    await page.getByText('反馈已盖章提交').waitFor();
    await expect(page.locator('.receipt').innerText()).resolves.toContain('无意见');
    // the round's status tag follows at once, without a reload
    await page.locator('.my-state', { hasText: '已反馈（无意见）' }).waitFor();
    await expect(sealedOf('省教育厅')).resolves.toEqual([{ kind: 'no_comment', items: 0 }]);
    await expect(draftOf('省教育厅')).resolves.toMatchObject({ kind: 'no_comment', items: 0 });
    const [recipient] = await t.dataSource.query(`SELECT status, reply_kind AS "replyKind" FROM round_recipient WHERE round_id = $1 AND unit_id = $2`, [roundId, units.get('省教育厅')]);
    expect(recipient).toEqual({ status: 'submitted', replyKind: 'no_comment' });
  });

  it('asks the drafter the same before 提交签发: 取消 hands nothing over, confirming hands over 无意见', async () => {
    const page = await openRound('省民政厅', '起草人');
    await writeOneComment(page);
    await page.getByRole('button', { name: '本单位无意见，提交签发' }).click();
    let dialog = await question(page, '提交签发');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.getByLabel('第 1 条建议').inputValue()).resolves.toBe('推动低效产业用地有机更新');
    await page.getByRole('button', { name: '提交签发（1 条意见）' }).waitFor();
    await expect(draftOf('省民政厅')).resolves.toMatchObject({ kind: 'with_comments', items: 1, handedOverVersion: null });

    await page.getByRole('button', { name: '本单位无意见，提交签发' }).click();
    dialog = await question(page, '提交签发');
    await dialog.getByRole('button', { name: '无意见，提交签发' }).click();
    await page.getByText(/已于 .* 提交签发（无意见），等待签发人盖章提交。/).waitFor();
    const draft = await draftOf('省民政厅');
    expect(draft).toMatchObject({ kind: 'no_comment', items: 0 });
    expect(draft.handedOverVersion).toBe(draft.version);
    await expect(sealedOf('省民政厅')).resolves.toEqual([]);
  });
});
