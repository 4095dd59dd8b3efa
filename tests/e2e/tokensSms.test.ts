import { describe, expect, it } from 'vitest';
import { signIn, useBrowserApp, openSignedIn } from '../helpers/browser.js';
import { login } from '../helpers/client.js';
import type { Shelter } from '../../shared/schemas/shelters.js';

const SHELTER = 'Ha Long Primary School No. 1';

/** Machine clients and SMS reports in Chromium: the admin's token section and phone numbers, the panel's SMS marks. */
describe('API tokens and SMS reports in headless Chromium', { timeout: 180_000 }, () => {
  // The map is not this file's subject: folded, as a user can (a11y, mapCluster, gbv, wall draw it).
  const app = useBrowserApp({ map: false });

  it('the admin creates a gateway token (secret shown once), sets a phone number and revokes the token', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signIn(page, app.srv.url, 'admin');
    await page.getByTestId('tab-admin').click();
    await page.getByTestId('admin-user-list').waitFor();
    // The demo manager's number, in E.164; a new one typed the local way is stored as E.164.
    const manager = page.locator('[data-testid="admin-user"][data-username="shelter"]');
    expect(await manager.getByRole('textbox').inputValue()).toBe('+84900000001');
    const viewer = page.locator('[data-testid="admin-user"][data-username="viewer"]');
    await viewer.getByRole('textbox').fill('0912 345 678');
    await viewer.getByRole('button', { name: 'Lưu số' }).click();
    await expect
      .poll(() => viewer.getByRole('textbox').inputValue(), { timeout: 10_000 })
      .toBe('+84912345678');

    await page.getByTestId('admin-tokens').click();
    const form = page.getByTestId('admin-token-form');
    await form.getByRole('textbox').fill('Cổng SMS Viettel');
    const selects = form.locator('select');
    await selects.nth(0).selectOption({ index: 1 });
    await selects.nth(1).selectOption('sms-gateway');
    await form.getByRole('button').click();
    const secret = (await page.getByTestId('admin-token-secret').locator('code').textContent())!;
    expect(secret).toMatch(/^sho_/);
    const row = page.locator('[data-testid="admin-token"][data-name="Cổng SMS Viettel"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Cổng SMS');
    expect(await row.textContent()).not.toContain(secret.slice(12));

    const send = () =>
      fetch(`${app.srv.url}/api/sms/inbound`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ from: '+84900000001', text: 'HD', id: `e2e-${Date.now()}-${Math.random()}` }),
      }).then((r) => r.status);
    expect(await send()).toBe(200);
    await row.getByTestId('admin-token-revoke').click();
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('Đã thu hồi');
    expect(await send()).toBe(401);
    await page.close();
  });

  it('a report by SMS shows in the manager’s panel and feed, marked as by SMS, with the shelter’s code', async () => {
    const ops = await login(app.srv.url, 'ops');
    const target = (await ops.get<Shelter[]>('/api/shelters')).body.data!.find((s) => s.name === SHELTER)!;
    const page = await openSignedIn(app, 'shelter', { viewport: { width: 1440, height: 1000 } });
    await page.getByTestId('shelter-item').filter({ hasText: SHELTER }).click();
    await page.getByTestId('shelter-sms-code').waitFor();
    expect(await page.getByTestId('shelter-sms-code').textContent()).toBe(target.smsCode);
    expect(await page.getByTestId('shelter-via-sms').count()).toBe(0);

    const admin = await login(app.srv.url, 'admin');
    const orgId = (await admin.get<{ id: string }[]>('/api/organisations')).body.data![0]!.id;
    const token = await admin.send<{ secret: string }>('POST', '/api/tokens', {
      name: 'GW',
      orgId,
      purpose: 'sms-gateway',
    });
    const reply = await fetch(`${app.srv.url}/api/sms/inbound`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token.body.data!.secret}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        From: '+84900000001',
        Body: `TT ${target.smsCode} SN 222`,
        MessageSid: 'SMe2e1',
      }),
    }).then((r) => r.text());
    expect(reply).toMatch(/^Da luu/);
    await page.getByTestId('shelter-via-sms').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('shelter-via-sms').textContent()).toBe('qua SMS');
    await page.getByTestId('activity-via-sms').first().waitFor({ timeout: 15_000 });
    await page.close();
  });
});
