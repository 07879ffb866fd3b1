import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, ConsoleMessage, Locator, Page } from 'playwright-core';
import { closeOnExit, type TestApp } from './test-app';

const ROOT = join(__dirname, '..', '..');
const WEB = join(ROOT, 'apps', 'web');
const DIST = join(WEB, 'dist');
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

/** Debian's Chromium, headless, no network chatter of its own (flags from DEVELOPERS.md). */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const close = async () => {
    closeOnExit.delete(close);
    await browser.close();
  };
  closeOnExit.add(close);
  browser.on('disconnected', () => closeOnExit.delete(close));
  return browser;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds apps/web unless apps/web/dist is newer than every source file (a build takes a few seconds). */
export function ensureWebBuild(): void {
  const index = join(DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(WEB)) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/**
 * The product on a port, exactly as `npm start` serves it: the API, which also serves the web
 * build (apps/web/dist) with its SPA fallback.
 */
export async function serveProduct(t: TestApp): Promise<{ url: string; close(): Promise<void> }> {
  const probe = await t.http().get('/');
  if (probe.status !== 200 || !String(probe.headers['content-type']).startsWith('text/html')) {
    throw new Error('the API does not serve apps/web/dist: build it before starting the app (ensureWebBuild)');
  }
  const server: Server = createServer(t.app.getHttpAdapter().getInstance());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** console errors and uncaught page errors, with the URL they came from */
  errors: { text: string; url: string }[];
}

/** A fresh browser context (own session storage) in zh-CN, Beijing time, whose console errors are collected. */
export async function openPage(browser: Browser, viewport = { width: 1366, height: 768 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: WatchedPage['errors'] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push({ text: m.text(), url: m.location().url });
  });
  page.on('pageerror', (e) => errors.push({ text: `uncaught: ${e.message}`, url: page.url() }));
  return { page, context, errors };
}

/** A picture of the page for docs/screenshots, scrolled to the top and without passing toasts. */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0); // no hover effect where the last click was
  await page.addStyleTag({ content: '.ant-message { display: none !important; }' }).then((tag) =>
    page
      .screenshot({ path, fullPage: opts.fullPage ?? false, animations: 'disabled' })
      .finally(() => tag.evaluate((el) => (el as Element).remove())),
  );
  return path;
}

/** Signs in by clicking an account of the login page's 演示账号 list. */
export async function signInAsDemo(page: Page, baseUrl: string, unit: string, role: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('筛选演示账号').fill(unit);
  await page.getByRole('button', { name: `以${unit}${role}身份登录` }).click();
}

/** Selects a span of a clause's text as a mouse would, and lets the page see the mouse-up. */
export async function selectText(container: Locator, text: string): Promise<void> {
  await container.evaluate((el, quote) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(quote) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + quote.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return;
    }
    throw new Error(`“${quote}” is not in the clause`);
  }, text);
}
