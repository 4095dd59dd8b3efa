import { describe, expect, it } from 'vitest';
import { signIn, useBrowserApp } from '../helpers/browser.js';

/** CSP `connect-src 'self'` in Chromium: the same-origin WebSocket works, a socket to another host is blocked. */
describe("connect-src 'self' in headless Chromium", { timeout: 120_000 }, () => {
  const app = useBrowserApp();

  it('lets the dashboard open its same-origin WebSocket and blocks one to another host', async () => {
    const page = await app.browser.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    const framed = new Promise<string>((resolve) =>
      page.on('websocket', (ws) => {
        if (new URL(ws.url()).pathname.startsWith('/socket.io/'))
          ws.on('framereceived', () => resolve(ws.url()));
      }),
    );
    await signIn(page, app.srv.url, 'ops');
    const wsUrl = await framed;
    expect(new URL(wsUrl).protocol).toBe('ws:');
    expect(new URL(wsUrl).host).toBe(new URL(app.srv.url).host);
    expect(cspErrors).toEqual([]);

    // The same server under another name is another origin: the policy must refuse the connection.
    const other = app.srv.url.replace('127.0.0.1', 'localhost').replace('http:', 'ws:');
    const violated = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), {
            once: true,
          });
          try {
            new WebSocket(`${url}/socket.io/?EIO=4&transport=websocket`);
          } catch {
            resolve('connect-src (thrown)');
          }
          setTimeout(() => resolve('none'), 3000);
        }),
      other,
    );
    expect(violated).toMatch(/^connect-src/);
  });
});
