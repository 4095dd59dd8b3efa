import { describe, expect, it } from 'vitest';
import type { RequestMessage } from '../../shared/schemas/requests.js';
import { useBrowserApp, openSignedIn } from '../helpers/browser.js';
import { login } from '../helpers/client.js';

describe('a form sent again after its reply was lost, in headless Chromium', { timeout: 120_000 }, () => {
  // The map is not this file's subject: folded, as a user can (a11y, mapCluster, gbv, wall draw it).
  const app = useBrowserApp({ map: false });

  it('a thread message whose first reply is lost after the server stored it is stored once when sent again', async () => {
    const page = await openSignedIn(app, 'ops');
    await page.getByTestId('tab-requests').click();
    await page.locator('[data-testid="request-item"][data-status="open"]').first().click();
    await page.getByTestId('request-panel').waitFor();
    const requestId = await page.getByTestId('request-panel').getAttribute('data-request-id');

    // The first POST reaches the server (which stores the message); its reply never reaches the page.
    const keys: string[] = [];
    let lost = 0;
    await page.route('**/api/requests/*/messages', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (lost === 0) {
        lost++;
        const res = await route.fetch();
        expect(res.status()).toBe(201);
        return route.abort('connectionreset');
      }
      return route.continue();
    });

    const text = 'Đèn đã tới điểm sơ tán chưa?';
    await page.getByTestId('request-message-input').fill(text);
    await page.getByTestId('request-message-send').click();
    await page.getByTestId('request-message-error').waitFor({ timeout: 10_000 });
    // The user presses Send again with the same words.
    await page.getByTestId('request-message-send').click();
    await expect
      .poll(async () => (await page.getByTestId('request-message-input').inputValue()) === '', {
        timeout: 10_000,
      })
      .toBe(true);

    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const ops = await login(app.srv.url, 'ops');
    const stored = (await ops.get<RequestMessage[]>(`/api/requests/${requestId}/messages`)).body.data!;
    expect(stored.filter((m) => m.text === text)).toHaveLength(1);
    await expect
      .poll(async () => page.getByTestId('request-message').filter({ hasText: text }).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    await page.close();
  });
});
