import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signIn, watchForeignRequests, useBrowserApp, waitForAppReady } from '../helpers/browser.js';
import { login } from '../helpers/client.js';
import type { Shelter } from '../../shared/schemas/shelters.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');

describe('dashboard in headless Chromium', { timeout: 120_000 }, () => {
  const app = useBrowserApp();

  it('an ops officer signs in, sees the shelters on the map and in the list, and a change by another client appears without reload', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const foreign = watchForeignRequests(page);
    await signIn(page, app.srv.url, 'ops');
    await waitForAppReady(page);

    const items = page.getByTestId('shelter-item');
    expect(await items.count()).toBeGreaterThanOrEqual(25);

    // The map drew something: the canvas is sized and not one flat colour.
    const canvas = page.locator('[data-testid="map"] canvas').first();
    const box = await canvas.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(300);
    const shot = await canvas.screenshot();
    expect(new Set(sampleBytes(shot)).size).toBeGreaterThan(20);
    // MapLibre's own controls speak the UI language (Vietnamese first).
    expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('Phóng to');
    expect(await page.locator('.maplibregl-ctrl-zoom-out').getAttribute('title')).toBe('Thu nhỏ');

    // Another client changes a shelter; the page shows it without reload.
    const api = await login(app.srv.url, 'ops');
    const target = (await api.get<Shelter[]>('/api/shelters')).body.data!.find(
      (s) => s.name === 'Ha Long Primary School No. 1',
    )!;
    const r = await api.send('PATCH', `/api/shelters/${target.id}`, {
      version: target.version,
      occupancy: 271,
    });
    expect(r.status).toBe(200);
    const item = page.locator(`[data-testid="shelter-item"][data-shelter-id="${target.id}"]`);
    await expect.poll(async () => (await item.textContent()) ?? '', { timeout: 10_000 }).toMatch(/271/);
    await expect
      .poll(
        async () =>
          (await page.getByTestId('connection-state').getAttribute('data-state')) ??
          (await page.getByTestId('connection-state').textContent()),
        { timeout: 10_000 },
      )
      .toMatch(/live|trực tuyến/i);

    await page.screenshot({ path: path.join(SHOTS, 'ops-dashboard.png') });
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('a shelter manager on a phone posts an update with the quick form and everyone sees it', async () => {
    const page = await app.browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const foreign = watchForeignRequests(page);
    await signIn(page, app.srv.url, 'shelter');
    await waitForAppReady(page);
    const api = await login(app.srv.url, 'viewer');
    const target = (await api.get<Shelter[]>('/api/shelters')).body.data!.find(
      (s) => s.name === 'Ha Tu Flood Shelter',
    )!;

    await page.locator(`[data-testid="shelter-item"][data-shelter-id="${target.id}"]`).click();
    await page.getByTestId('quick-update-form').waitFor();
    await page.getByTestId('qf-occupancy').fill('150');
    await page.getByTestId('qf-save').click();
    await expect
      .poll(async () => (await api.get<Shelter>(`/api/shelters/${target.id}`)).body.data!.occupancy, {
        timeout: 10_000,
      })
      .toBe(150);
    await page.screenshot({ path: path.join(SHOTS, 'shelter-manager-phone.png'), fullPage: false });
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('a partner viewer downloads the shelter list as CSV in the interface language, without the checklist', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    await signIn(page, app.srv.url, 'viewer');
    await page.getByTestId('shelter-list').waitFor();
    const fetchFile = async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-shelters-csv').click(),
      ]);
      expect(download.suggestedFilename()).toBe('shelters.csv');
      return fs.readFileSync(await download.path());
    };
    const vi = await fetchFile();
    expect([...vi.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [viHeader, tags] = vi.toString('utf8').slice(1).split('\r\n');
    expect(viHeader).toContain('Tên điểm sơ tán');
    expect(tags!.split(',')[0]).toBe('#loc+code');
    expect(tags).not.toContain('#indicator+safety');
    await page.getByTestId('lang-en').click();
    await expect
      .poll(() => page.getByTestId('export-shelters-csv').getAttribute('href'))
      .toBe('/api/export/shelters.csv?lang=en');
    const en = await fetchFile();
    expect(en.toString('utf8').split('\r\n')[0]).toContain('Shelter name');
    await page.close();
  });
});

/** Every 97th byte of a PNG: a cheap check that an image is not one flat colour. */
function sampleBytes(png: Buffer): number[] {
  const out: number[] = [];
  for (let i = 100; i < png.length; i += 97) out.push(png[i]!);
  return out;
}
