import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowserApp, openSignedIn } from '../helpers/browser.js';

const SHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

describe('duty-of-care alerts in headless Chromium', { timeout: 120_000 }, () => {
  // The map is not this file's subject: folded, as a user can (a11y, mapCluster, gbv, wall draw it).
  const app = useBrowserApp({ map: false });

  it('an ops officer sees the demo care alerts, acknowledges one, and a shelter manager sees no list', async () => {
    const page = await openSignedIn(app, 'ops');
    const list = page.getByTestId('care-alert-list');
    await list.locator('summary').click();
    const first = page.locator('[data-testid="care-alert-item"][data-status="open"]').first();
    await first.waitFor();
    const before = await page.locator('[data-testid="care-alert-item"][data-status="open"]').count();
    expect(before).toBeGreaterThan(0);
    // Vietnamese first: the rule reads in Vietnamese.
    expect(await list.locator('summary').innerText()).toContain('Cảnh báo trách nhiệm chăm sóc');
    // The text names the configured threshold (24 hours by default), not "in time".
    const unconfirmed = list.locator('[data-testid="care-alert-item"][data-rule="unconfirmed_in_alert"]');
    expect(await unconfirmed.count()).toBeGreaterThan(0);
    expect(await unconfirmed.first().innerText()).toContain(
      'Trong vùng cảnh báo cấp 3 trở lên, chưa xác nhận lại trong 24 giờ',
    );
    await page.screenshot({ path: path.join(SHOTS, 'care-alerts-ops.png') });
    await first.getByTestId('care-alert-ack').click();
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('[data-testid="care-alert-item"][data-status="open"]').length === n - 1,
      before,
    );
    await page.close();

    const manager = await openSignedIn(app, 'shelter');
    expect(await manager.getByTestId('care-alert-list').count()).toBe(0);
    await manager.close();
  });
});
