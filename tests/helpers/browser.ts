import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureClientBuilt } from './buildClient.js';
import { startServer, type TestServer } from './server.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The built client served by a fresh test server, plus a browser: where every browser test starts. */
export async function startBrowserApp(): Promise<{ srv: TestServer; browser: Browser }> {
  ensureClientBuilt();
  fs.mkdirSync(path.join(ROOT, 'test-results', 'screenshots'), { recursive: true });
  const srv = await startServer({ config: { staticDir: path.join(ROOT, 'dist', 'client') } });
  return { srv, browser: await launchBrowser() };
}

/** Close what startBrowserApp opened (either may be missing when it failed half-way). */
export async function stopBrowserApp(app: { srv?: TestServer; browser?: Browser }): Promise<void> {
  await app.browser?.close();
  await app.srv?.stop();
}

/** Debian's Chromium, headless, with SwiftShader WebGL for MapLibre (BROWSER.md). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-unsafe-swiftshader',
    ],
  });
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
