import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signIn, watchForeignRequests, useBrowserApp, waitForAppReady } from '../helpers/browser.js';
import { login } from '../helpers/client.js';
import type { Shelter, ShelterHistoryEntry } from '../../shared/schemas/shelters.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const SHELTER = 'Ha Long Primary School No. 1';

/** A page as the demo shelter manager on a phone, with every uncaught page error recorded. */
async function managerPage(browser: Browser, base: string) {
  const page = await browser.newPage(PHONE);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const foreign = watchForeignRequests(page);
  await signIn(page, base, 'shelter');
  await waitForAppReady(page);
  return { page, errors, foreign };
}

async function openShelter(page: Page): Promise<void> {
  await page.getByTestId('shelter-item').filter({ hasText: SHELTER }).click();
  await page.getByTestId('quick-update-form').waitFor();
}

/** Answer the critical item `lighting` "no" and open the pre-filled request it offers. */
async function openGapRequest(page: Page): Promise<void> {
  await page.getByTestId('qf-checklist-lighting-no').click();
  await page.getByTestId('qf-gaps').getByTestId('offer-request-lighting').click();
  await page.getByTestId('gap-request').getByTestId('request-form').waitFor({ timeout: 15_000 });
}

/** The app is still there: the shell shows, the page is not blank, nothing failed or threw. */
async function expectAlive(page: Page, errors: string[], step: string): Promise<void> {
  expect(errors, step).toEqual([]);
  expect(await page.getByTestId('app-shell').isVisible(), step).toBe(true);
  expect((await page.locator('#root').innerText()).trim().length, step).toBeGreaterThan(50);
  expect(await page.getByTestId('part-failed').count(), step).toBe(0);
}

describe('shelter manager on a phone: the pre-filled request and every way out', { timeout: 180_000 }, () => {
  const app = useBrowserApp();

  it('sends the request offered by a critical "no", then leaves it by close, back to the list, browser back and another record, never blanking', async () => {
    const { page, errors, foreign } = await managerPage(app.browser, app.srv.url);
    const api = await login(app.srv.url, 'shelter');
    const before = (await api.get<{ id: string }[]>('/api/requests')).body.data!.length;

    // 1. Answer "no", open the offered request, send it, close it. The typed update stays.
    await openShelter(page);
    await page.getByTestId('qf-occupancy').fill('123');
    await openGapRequest(page);
    const form = page.getByTestId('gap-request');
    expect(await form.getByTestId('rf-title').inputValue()).toContain(SHELTER);
    await form.getByTestId('rf-save').click();
    await form.getByTestId('rf-sent').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(SHOTS, 'shelter-flow-request-sent.png') });
    await expect
      .poll(async () => (await api.get<{ id: string }[]>('/api/requests')).body.data!.length, {
        timeout: 10_000,
      })
      .toBe(before + 1);
    await form.getByTestId('rf-sent').getByRole('button').click();
    await page.getByTestId('gap-request').waitFor({ state: 'detached' });
    await expectAlive(page, errors, 'after sending and closing the request');
    expect(await page.getByTestId('qf-occupancy').inputValue()).toBe('123');
    expect(await page.getByTestId('qf-checklist-lighting-no').getAttribute('data-checked')).toBe('true');

    // 2. Open it again and cancel with its own button: still in the shelter, the typing is kept.
    await page.getByTestId('qf-gaps').getByTestId('offer-request-lighting').click();
    await page.getByTestId('gap-request').getByTestId('request-form').waitFor();
    await page.getByTestId('gap-request').getByRole('button', { name: 'Hủy', exact: true }).click();
    await page.getByTestId('gap-request').waitFor({ state: 'detached' });
    await expectAlive(page, errors, 'after the request form’s close button');
    expect(await page.getByTestId('qf-occupancy').inputValue()).toBe('123');

    // 3. Open it again and go back to the list.
    await page.getByTestId('qf-gaps').getByTestId('offer-request-lighting').click();
    await page.getByTestId('gap-request').getByTestId('request-form').waitFor();
    await page.getByTestId('panel-close').click();
    await page.getByTestId('shelter-item').first().waitFor();
    await expectAlive(page, errors, 'after back to the list');
    await page.screenshot({ path: path.join(SHOTS, 'shelter-flow-back-to-list.png') });

    // 4. Open it again and use the browser's back: the panel closes, the app stays.
    const url = page.url();
    await openShelter(page);
    await openGapRequest(page);
    await page.goBack();
    await page.getByTestId('shelter-panel').waitFor({ state: 'detached' });
    await page.getByTestId('shelter-item').first().waitFor();
    expect(page.url()).toBe(url);
    await expectAlive(page, errors, 'after browser back');
    await page.screenshot({ path: path.join(SHOTS, 'shelter-flow-browser-back.png') });

    // 5. Open it again and open another record: the request just sent, from the requests tab.
    await openShelter(page);
    await openGapRequest(page);
    await page.getByTestId('tab-requests').click();
    await page.getByTestId('request-item').filter({ hasText: SHELTER }).first().click();
    await page.getByTestId('detail-panel').waitFor();
    expect(await page.getByTestId('shelter-panel').count()).toBe(0);
    await expectAlive(page, errors, 'after opening another record');
    await page.screenshot({ path: path.join(SHOTS, 'shelter-flow-other-record.png') });

    // And back from there lands on the list, not outside the app.
    await page.goBack();
    await page.getByTestId('detail-panel').waitFor({ state: 'detached' });
    expect(page.url()).toBe(url);
    await expectAlive(page, errors, 'after back from the other record');

    expect(foreign).toEqual([]);
    await page.close();
  });

  it('a part that fails to render shows the reload box; the typed update, the list and the reload work', async () => {
    const { page, errors } = await managerPage(app.browser, app.srv.url);
    // The history endpoint answers with something the panel cannot draw (an object, not a list).
    await page.route('**/api/shelters/*/history', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"ok":true,"data":{}}' }),
    );
    await openShelter(page);
    await page.getByTestId('qf-occupancy').fill('77');
    await page.locator('details.history summary').click();
    const box = page.locator('[data-testid="part-failed"][data-part="history"]');
    await box.waitFor({ timeout: 10_000 });
    expect(await box.innerText()).toMatch(/Phần này bị lỗi/);
    expect(await box.getByTestId('part-reload').innerText()).toMatch(/Tải lại phần này/);
    await box.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'shelter-flow-part-failed.png') });

    // Only that part went: the form beside it still holds what was typed and still works.
    expect(errors).toEqual([]);
    expect(await page.getByTestId('part-failed').count()).toBe(1);
    expect(await page.getByTestId('qf-occupancy').inputValue()).toBe('77');
    expect(await page.getByTestId('qf-save').isEnabled()).toBe(true);

    // Reload the part once the server answers properly.
    await page.unroute('**/api/shelters/*/history');
    await box.getByTestId('part-reload').click();
    await box.waitFor({ state: 'detached' });
    const history = page.locator('details.history');
    await history.locator('summary').click();
    await history.locator('.history__list li').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('qf-occupancy').inputValue()).toBe('77');

    // In English the box speaks English.
    await page.route('**/api/shelters/*/history', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"ok":true,"data":{}}' }),
    );
    await page.getByTestId('lang-en').click();
    await page.getByTestId('panel-close').click();
    await openShelter(page);
    await page.locator('details.history summary').click();
    await box.waitFor();
    expect(await box.innerText()).toMatch(/This part failed/);
    // The rest of the app still works: back to the list and into another shelter.
    await page.getByTestId('panel-close').click();
    const other = page.getByTestId('shelter-item').filter({ hasNotText: SHELTER }).first();
    await other.click();
    await page.getByTestId('quick-update-form').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('with the link down, two taps on save queue one post; its result shows beside the button and the outbox bar stays in sight; back online it is sent once', async () => {
    const { page, errors } = await managerPage(app.browser, app.srv.url);
    const api = await login(app.srv.url, 'ops');
    const target = (await api.get<Shelter[]>('/api/shelters')).body.data!.find((s) => s.name === SHELTER)!;
    const historyLength = async () =>
      (await api.get<ShelterHistoryEntry[]>(`/api/shelters/${target.id}/history`)).body.data!.length;
    const historyBefore = await historyLength();

    await openShelter(page);
    // The link dies for writes without the browser noticing: no `offline`, and later no `online` event.
    const dead = '**/api/shelters/*';
    await page.route(dead, (route) =>
      route.request().method() === 'PATCH' ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.getByTestId('qf-occupancy').fill(String(target.occupancy + 5));
    await page.getByTestId('qf-save').click();
    await page.locator('[data-testid="qf-notice"][data-tone="warn"]').waitFor();
    await page.getByTestId('qf-status-full').click();
    await page.getByTestId('qf-save').click();
    await expect
      .poll(async () => page.getByTestId('qf-notice').innerText())
      .toMatch(/thay bằng bản mới nhất/);
    expect(await page.getByTestId('outbox').getAttribute('data-pending')).toBe('1');
    // The outbox lives in IndexedDB (client/src/lib/deviceDb.ts), one list per user.
    const stored = await page.evaluate(
      () =>
        new Promise<unknown[][]>((resolve, reject) => {
          const r = indexedDB.open('shr-device', 1);
          r.onerror = () => reject(new Error(String(r.error)));
          r.onsuccess = () => {
            const all = r.result.transaction('outbox').objectStore('outbox').getAll();
            all.onsuccess = () => resolve(all.result as unknown[][]);
          };
        }),
    );
    expect(stored.flat()).toHaveLength(1);

    // The notice is next to the save button, both on screen, and the outbox bar is in view.
    const inView = async (testId: string) => {
      const b = await page.getByTestId(testId).boundingBox();
      return b !== null && b.y >= 0 && b.y + b.height <= 844;
    };
    expect(await inView('qf-notice')).toBe(true);
    expect(await inView('qf-save')).toBe(true);
    const notice = (await page.getByTestId('qf-notice').boundingBox())!;
    const save = (await page.getByTestId('qf-save').boundingBox())!;
    expect(Math.abs(save.y - (notice.y + notice.height))).toBeLessThan(120);
    await page.mouse.wheel(0, 1500);
    await expect.poll(() => inView('outbox'), { timeout: 10_000 }).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'shelter-flow-offline-two-taps.png') });

    // The link returns, still without an `online` event: the backoff (10 s at most) sends the one post, once.
    const back = Date.now();
    await page.unroute(dead);
    await page.getByTestId('outbox').waitFor({ state: 'detached', timeout: 20_000 });
    expect(Date.now() - back).toBeLessThan(15_000);
    const after = (await api.get<Shelter>(`/api/shelters/${target.id}`)).body.data!;
    expect(after.occupancy).toBe(target.occupancy + 5);
    expect(after.status).toBe('full');
    expect(await historyLength()).toBe(historyBefore + 1);
    await expectAlive(page, errors, 'after the queued post was sent');
    await page.close();
  });
  it('speaks the chosen language in dates, months and numbers, and has a favicon', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await signIn(page, app.srv.url, 'gbv');
    await waitForAppReady(page);

    // The icon the page links, and /favicon.ico, are images, not the app's HTML.
    const icons = await page
      .locator('link[rel="icon"]')
      .evaluateAll((els) => els.map((e) => (e as HTMLLinkElement).href));
    expect(icons.length).toBeGreaterThan(0);
    for (const href of [...icons, new URL('/favicon.ico', app.srv.url).href]) {
      const r = await fetch(href);
      expect(r.status, href).toBe(200);
      expect(r.headers.get('content-type') ?? '', href).toMatch(/^image\//);
    }

    // Vietnamese: 01/12/2026 16:22, tháng 12/2026, 4.065.
    await page.getByTestId('shelter-item').filter({ hasText: SHELTER }).click();
    const when = page.getByTestId('shelter-panel').locator('dl time').first();
    expect(await when.innerText()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await page.getByTestId('tab-incidents').click();
    await page
      .getByTestId('incident-month')
      .locator('option')
      .first()
      .waitFor({ state: 'attached', timeout: 15_000 });
    const months = await page.getByTestId('incident-month').locator('option').allInnerTexts();
    expect(months.length).toBeGreaterThan(0);
    for (const m of months) expect(m).toMatch(/^tháng \d{1,2}\/\d{4}$/);
    const figures = await page.getByTestId('app-shell').innerText();
    expect(figures).not.toMatch(/\b\d{1,3},\d{3}\b/);

    // English: month names, and the same record's time in the English order.
    await page.getByTestId('lang-en').click();
    await expect
      .poll(async () => page.getByTestId('incident-month').locator('option').first().innerText())
      .toMatch(/^[A-Z][a-z]+ \d{4}$/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
