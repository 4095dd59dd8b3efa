import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startBrowserApp, stopBrowserApp, signIn } from '../helpers/browser.js';
import { login } from '../helpers/client.js';
import type { TestServer } from '../helpers/server.js';
import type { Shelter, ShelterHistoryEntry } from '../../shared/schemas/shelters.js';

const SHOTS = '/tmp/offline';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const SHELTER = 'Ha Long Primary School No. 1';

/** What the app keeps in IndexedDB (client/src/lib/deviceDb.ts): record counts per store. */
function deviceCounts(page: Page) {
  return page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const r = indexedDB.open('shr-device', 1);
        r.onupgradeneeded = () => {
          for (const n of ['outbox', 'copy', 'meta']) r.result.createObjectStore(n);
        };
        r.onerror = () => reject(new Error(String(r.error)));
        r.onsuccess = () => {
          const db = r.result;
          const tx = db.transaction(['outbox', 'copy', 'meta']);
          const out: Record<string, number> = {};
          let entries = 0;
          for (const n of ['outbox', 'copy', 'meta']) {
            tx.objectStore(n).count().onsuccess = (e) => (out[n] = (e.target as IDBRequest<number>).result);
          }
          tx.objectStore('outbox').getAll().onsuccess = (e) => {
            for (const list of (e.target as IDBRequest<unknown[][]>).result) entries += list.length;
          };
          tx.oncomplete = () => {
            db.close();
            resolve({ ...out, entries });
          };
        };
      }),
  );
}

/** Signed in as the demo shelter manager on a phone, the service worker in control and the state kept on the device. */
async function managerOnline(browser: Browser, base: string) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, base, 'shelter');
  await page.waitForFunction(() => window.__appReady === true, undefined, { timeout: 60_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 60_000,
  });
  await expect.poll(async () => (await deviceCounts(page)).copy, { timeout: 10_000 }).toBe(1);
  return { context, page, errors };
}

async function openShelter(page: Page): Promise<void> {
  await page.getByTestId('shelter-item').filter({ hasText: SHELTER }).click();
  await page.getByTestId('quick-update-form').waitFor();
}

async function saveOccupancy(page: Page, n: number): Promise<void> {
  await page.getByTestId('qf-occupancy').fill(String(n));
  await page.getByTestId('qf-save').click();
  await page.locator('[data-testid="qf-notice"][data-tone="warn"]').waitFor();
}

describe('offline app (phone)', { timeout: 240_000 }, () => {
  let srv: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    ({ srv, browser } = await startBrowserApp());
  }, 300_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await stopBrowserApp({ srv, browser });
  });

  it('serves the service worker and manifest with their headers, and the shell pre-compressed', async () => {
    const sw = await fetch(`${srv.url}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-security-policy')).toMatch(/worker-src 'self'/);
    const manifest = await fetch(`${srv.url}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toMatch(/application\/manifest\+json/);
    const m = (await manifest.json()) as { name: string; lang: string; icons: { src: string }[] };
    expect(m.lang).toBe('vi');
    expect(m.name).toMatch(/Điều phối/);
    for (const icon of m.icons) {
      const png = await fetch(new URL(icon.src, `${srv.url}/`));
      expect(png.headers.get('content-type')).toBe('image/png');
    }
    const html = await (await fetch(srv.url)).text();
    const entry = /src="\.\/(assets\/index-[^"]+\.js)"/.exec(html)![1]!;
    const br = await fetch(`${srv.url}/${entry}`, { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const api = await fetch(`${srv.url}/api/areas`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(api.headers.get('content-encoding')).toBe('gzip');
  });

  it('reloads offline into the shell with the last state, the banner and the pending post; two taps give one post; reopened online it is sent exactly once', async () => {
    const { context, page, errors } = await managerOnline(browser, srv.url);
    contexts.push(context);
    const ops = await login(srv.url, 'ops');
    const target = (await ops.get<Shelter[]>('/api/shelters')).body.data!.find((s) => s.name === SHELTER)!;
    const history = async () =>
      (await ops.get<ShelterHistoryEntry[]>(`/api/shelters/${target.id}/history`)).body.data!.length;
    const before = await history();
    const shown = await page.getByTestId('shelter-item').count();
    expect(shown).toBeGreaterThan(0);

    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('app-shell').waitFor({ timeout: 30_000 });
    await page.getByTestId('offline-banner').waitFor();
    expect(await page.getByTestId('offline-banner').innerText()).toMatch(/Mất kết nối từ \d{2}:\d{2}/);
    expect(await page.getByTestId('shelter-item').count()).toBe(shown);

    // Two taps on save while offline: one queued post, holding the latest values.
    await openShelter(page);
    await saveOccupancy(page, target.occupancy + 7);
    await page.getByTestId('qf-status-full').click();
    await page.getByTestId('qf-save').click();
    await expect
      .poll(async () => page.getByTestId('qf-notice').innerText())
      .toMatch(/thay bằng bản mới nhất/);
    expect(await page.getByTestId('outbox').getAttribute('data-pending')).toBe('1');
    await expect.poll(async () => (await deviceCounts(page)).entries).toBe(1);

    // Reloaded again offline, the pending post is still there and in sight.
    await page.reload();
    await page.getByTestId('outbox').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('outbox').getAttribute('data-pending')).toBe('1');
    await page.screenshot({ path: `${SHOTS}/offline-reload.png` });

    // The tab is closed; the link returns; the app is opened again.
    await page.close();
    await context.setOffline(false);
    const again = await context.newPage();
    again.on('pageerror', (e) => errors.push(String(e)));
    await again.goto(srv.url);
    await again.getByTestId('app-shell').waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await deviceCounts(again)).entries, { timeout: 20_000 }).toBe(0);
    await again.waitForFunction(() => window.__appReady === true, undefined, { timeout: 60_000 });
    expect(await again.getByTestId('outbox').count()).toBe(0);
    await again.waitForTimeout(3000);
    const after = (await ops.get<Shelter>(`/api/shelters/${target.id}`)).body.data!;
    expect(after.occupancy).toBe(target.occupancy + 7);
    expect(after.status).toBe('full');
    expect(await history()).toBe(before + 1);
    await again.screenshot({ path: `${SHOTS}/offline-reopened-online.png` });
    expect(errors).toEqual([]);
  });

  it('sign-out clears the device: kept state, unsent posts and who signed in', async () => {
    const { context, page } = await managerOnline(browser, srv.url);
    contexts.push(context);
    await context.setOffline(true);
    await openShelter(page);
    await saveOccupancy(page, 5);
    await expect.poll(async () => (await deviceCounts(page)).entries).toBe(1);
    await context.setOffline(false);
    await page.route('**/api/shelters/*', (r) =>
      r.request().method() === 'PATCH' ? r.abort('internetdisconnected') : r.continue(),
    );
    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').waitFor();
    expect(await deviceCounts(page)).toEqual({ outbox: 0, copy: 0, meta: 0, entries: 0 });
    // Reloaded offline, nobody is signed in.
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('login-username').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/offline-after-signout.png` });
  });

  it('shows a loading skeleton, never zero figures, while the first state loads', async () => {
    const context = await browser.newContext(PHONE);
    contexts.push(context);
    const page = await context.newPage();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    // Every read of the snapshot, whole or a part (`?domains=…`).
    await page.route(
      (url) => url.pathname === '/api/snapshot',
      async (route) => {
        await held;
        await route.continue();
      },
    );
    await signIn(page, srv.url, 'shelter');
    await page.getByTestId('loading-skeleton').waitFor();
    expect(await page.getByTestId('shelter-item').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toMatch(/Không có điểm sơ tán nào khớp/);
    await page.screenshot({ path: `${SHOTS}/loading-skeleton.png` });
    release();
    await page.getByTestId('shelter-item').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('loading-skeleton').count()).toBe(0);
  });
});
