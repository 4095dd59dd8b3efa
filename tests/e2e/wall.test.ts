import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signIn, useBrowserApp, waitForAppReady } from '../helpers/browser.js';
import { login } from '../helpers/client.js';
import type { Shelter } from '../../shared/schemas/shelters.js';
import { audit } from './a11yScreens.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('wall display in headless Chromium at 1920x1080', { timeout: 180_000 }, () => {
  const app = useBrowserApp();

  it('reads from across the room, keeps the legend off the data, and freezes for a briefing without losing a change', async () => {
    // axe needs a page of its own context.
    const context = await app.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await signIn(page, app.srv.url, 'ops');
    await page.goto(`${app.srv.url}/?display=wall`);
    await waitForAppReady(page);
    await page.locator('.shell--wall').waitFor();
    expect(await audit(page, 'wall')).toEqual([]);

    // Type sized to the viewport.
    const bodyPx = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(bodyPx).toBeGreaterThanOrEqual(28);
    const figurePx = await page
      .getByTestId('figure-peopleSheltered')
      .locator('.figure__value')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(figurePx).toBeGreaterThanOrEqual(56);

    // The legend is folded and lies outside the map's data area (it does not even touch the canvas).
    const legend = page.getByTestId('map-legend');
    expect(await legend.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    const lb = (await legend.boundingBox())!;
    const cb = (await page.getByTestId('map').boundingBox())!;
    expect(cb.width).toBeGreaterThan(900);
    expect(cb.height).toBeGreaterThan(500);
    const overlaps =
      lb.x < cb.x + cb.width && lb.x + lb.width > cb.x && lb.y < cb.y + cb.height && lb.y + lb.height > cb.y;
    expect(overlaps).toBe(false);

    // Freeze, then another client changes a shelter: the figure keeps still and the banner counts it.
    const figure = page.getByTestId('figure-peopleSheltered');
    const before = await figure.getAttribute('data-value');
    await page.getByTestId('freeze').click();
    const banner = page.getByTestId('freeze-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('data-waiting')).toBe('0');

    const api = await login(app.srv.url, 'ops');
    const target = (await api.get<Shelter[]>('/api/shelters')).body.data!.find(
      (s) => s.status !== 'closed' && s.occupancy !== null,
    )!;
    const r = await api.send('PATCH', `/api/shelters/${target.id}`, {
      version: target.version,
      occupancy: (target.occupancy ?? 0) + 7,
    });
    expect(r.status).toBe(200);
    await expect.poll(() => banner.getAttribute('data-waiting'), { timeout: 15_000 }).toBe('1');
    expect(await banner.textContent()).toMatch(/Đã dừng hình lúc \d{2}:\d{2} — 1 thay đổi đang chờ/);
    expect(await figure.getAttribute('data-value')).toBe(before);
    await page.screenshot({ path: path.join(ROOT, 'docs', 'wall-display.png') });
    expect(await audit(page, 'wall frozen')).toEqual([]);

    // Unfreeze: the change is applied.
    await page.getByTestId('unfreeze').click();
    await expect
      .poll(() => figure.getAttribute('data-value'), { timeout: 10_000 })
      .toBe(String(Number(before) + 7));
    expect(await page.getByTestId('freeze-banner').count()).toBe(0);
    await context.close();
  });
});
