import { createRequire } from 'node:module';
import type { Download, Locator, Page } from 'playwright-core';
import { selectText } from './browser';

/**
 * Every user action of a walkthrough goes through here, and is counted: a click, a field filled,
 * a key pressed, a drag (selecting text), a file chosen, a download, an address opened. Scrolling
 * and waiting are not actions. After each action it checks that no toast covers a dialog's text.
 */
export class Actions {
  count = 0;
  readonly log: string[] = [];
  readonly overlaps: string[] = [];

  constructor(readonly page: Page) {}

  /** The actions counted since `mark` (a number taken from `count`). */
  since(mark: number): number {
    return this.count - mark;
  }

  private async done(what: string): Promise<void> {
    this.count++;
    this.log.push(what);
    const overlap = await toastOverDialog(this.page);
    if (overlap) this.overlaps.push(`${what}: ${overlap}`);
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await this.done(`open ${url.replace(/^https?:\/\/[^/]+/, '')}`);
  }

  async click(target: Locator, what = 'click'): Promise<void> {
    await target.click();
    await this.done(what);
  }

  async check(target: Locator, what = 'check'): Promise<void> {
    await target.check();
    await this.done(what);
  }

  async fill(target: Locator, text: string, what = 'fill'): Promise<void> {
    await target.fill(text);
    await this.done(`${what} “${text.slice(0, 16)}”`);
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
    await this.done(`key ${key}`);
  }

  /** A drag over a clause's text, as a mouse selects it. */
  async select(container: Locator, text: string): Promise<void> {
    await selectText(container, text);
    await this.done(`select “${text}”`);
  }

  async chooseFile(input: Locator, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await input.setInputFiles(file);
    await this.done(`file ${file.name}`);
  }

  async download(target: Locator): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await target.click();
    const d = await download;
    await this.done(`download ${d.suggestedFilename()}`);
    return d;
  }
}

/** A visible toast whose box meets the box of a visible dialog's content: what they say, else null. */
async function toastOverDialog(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 ? r : null;
    };
    const toasts = [...document.querySelectorAll('.ant-message-notice')].map((el) => ({ el, r: visible(el) })).filter((t) => t.r);
    const dialogs = [...document.querySelectorAll('.ant-modal-content, .ant-drawer-content, .ant-popover-inner')].map((el) => ({ el, r: visible(el) })).filter((d) => d.r);
    for (const t of toasts)
      for (const d of dialogs) {
        const a = t.r!;
        const b = d.r!;
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) return `${t.el.textContent} over ${d.el.textContent?.slice(0, 30)}`;
      }
    return null;
  });
}

const AXE = createRequire(__filename).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical findings on the page as it is now, one line each. */
export async function seriousA11yIssues(page: Page, where: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  // the page at rest: a fading dialog or a sliding alert is a passing state, not the page's contrast
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity), undefined, { timeout: 5_000 }).catch(() => undefined);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.map((v) => `${where}: ${v.impact} ${v.id} at ${v.targets.join(' | ')}`);
}
