import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { ensureClientBuilt } from './buildClient.js';
import { launchBrowser } from './chromium.js';
import { startServer, type TestServer } from './server.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** How a browser test file's pages start. */
export interface BrowserAppOptions {
  /**
   * false: every page opens with the map folded away, the user's own setting (the map button;
   * remembered as `shr.map` = '0'), for files whose subject is not the map. Each frame of the
   * software-rendered map costs 0.1-0.3 s of both cores here, and a signed-in page draws dozens.
   */
  map?: boolean;
}

/** The built client served by a fresh test server, plus a browser: where every browser test starts. */
export async function startBrowserApp(
  opts: BrowserAppOptions = {},
): Promise<{ srv: TestServer; browser: Browser }> {
  ensureClientBuilt();
  fs.mkdirSync(path.join(ROOT, 'test-results', 'screenshots'), { recursive: true });
  const srv = await startServer({ config: { staticDir: path.join(ROOT, 'dist', 'client') } });
  return { srv, browser: withPageDefaults(await launchBrowser(), opts) };
}

/**
 * The browser tests read as a reader who asked for reduced motion, unless a test says otherwise
 * (`reducedMotion: 'no-preference'`): the map then jumps and draws labels without fading (MapView),
 * which in software WebGL is a few frames instead of dozens per opened record, and a screen is
 * measured once it stands still. mapCluster.test.ts walks the animated camera. With `map: false`,
 * every page starts with the map folded.
 */
export function withPageDefaults(browser: Browser, opts: BrowserAppOptions = {}): Browser {
  const newContext = browser.newContext.bind(browser);
  const contextFor = async (o: BrowserContextOptions = {}) => {
    const context = await newContext({ reducedMotion: 'reduce', ...o });
    if (opts.map === false) await context.addInitScript(() => localStorage.setItem('shr.map', '0'));
    return context;
  };
  browser.newContext = contextFor;
  // As Playwright's own newPage: a context of its own, closed with the page.
  browser.newPage = async (o: BrowserContextOptions = {}) => {
    const context = await contextFor(o);
    const page = await context.newPage();
    page.once('close', () => void context.close().catch(() => undefined));
    return page;
  };
  return browser;
}

/** Close what startBrowserApp opened (either may be missing when it failed half-way). */
export async function stopBrowserApp(app: { srv?: TestServer; browser?: Browser }): Promise<void> {
  await app.browser?.close();
  await app.srv?.stop();
}

/** A browser test file's app: started before its first test, stopped after its last. */
export interface BrowserApp {
  srv: TestServer;
  browser: Browser;
}

/** Start the app and a browser for this file (read `app.srv` and `app.browser` inside the tests). */
export function useBrowserApp(opts: BrowserAppOptions = {}): BrowserApp {
  const app = {} as BrowserApp;
  beforeAll(async () => void Object.assign(app, await startBrowserApp(opts)), 300_000);
  afterAll(() => stopBrowserApp(app));
  return app;
}

/** Wait until the app says it is ready: signed in, the snapshot applied and the map idle once. */
export async function waitForAppReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__appReady === true, undefined, { timeout: 60_000 });
}

/** A new page (1400x900 unless told), signed in as `username`, once the app is ready. */
export async function openSignedIn(
  app: BrowserApp,
  username: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const page = await app.browser.newPage({ viewport: { width: 1400, height: 900 }, ...options });
  await signIn(page, app.srv.url, username);
  await waitForAppReady(page);
  return page;
}

/** Record every request the page makes to a host other than 127.0.0.1 (the app must work offline). */
export function watchForeignRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') foreign.push(req.url());
  });
  return foreign;
}

/** Sign in through the login form. */
export async function signIn(page: Page, base: string, username: string, password = 'demo'): Promise<void> {
  await page.goto(base);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('app-shell').waitFor({ timeout: 30_000 });
}
