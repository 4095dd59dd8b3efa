import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../tests/helpers/chromium.js';
import { startServer } from '../tests/helpers/server.js';

/** One cold visit of the shelter manager's phone over the emulated link. */
export interface LinkRound {
  /**
   * From navigation start until the sign-in form can be typed into and submitted: timed in the page
   * (the first frame with the enabled submit button, on the page's own clock), so neither the driver's
   * start of the navigation nor its polling, which under load added 0.1 to 0.6 s, is counted.
   */
  signInMs: number;
  /** The same as the test driver sees it: from its call to navigate until its polling finds the form. */
  signInDriverMs: number;
  /** From tapping "sign in" until the shelter list shows a shelter. */
  listMs: number;
  /** Bytes on the wire (compressed, headers included) of the built files loaded before the list, API excluded. */
  staticBytes: number;
  /** The same for API answers (sign-in, me, snapshot, areas). */
  apiBytes: number;
  /** Gzip (level 9) size of the code and styles (html, js, css) loaded before the list, fonts and icons left out. */
  codeGzip: number;
}

/** Gzip size of one built file as the server would send it (its .gz beside it, else compressed here). */
function gzipOf(dir: string, urlPath: string): number {
  const file = path.join(dir, urlPath === '/' ? 'index.html' : decodeURIComponent(urlPath));
  if (!file.startsWith(dir) || !fs.existsSync(file)) return 0;
  if (fs.existsSync(`${file}.gz`)) return fs.statSync(`${file}.gz`).size;
  return gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

export interface LinkResult {
  latencyMs: number;
  bytesPerSecond: number;
  rounds: LinkRound[];
}

/**
 * Chromium (CDP `Network.emulateNetworkConditions`, as DevTools throttles) on a 390x844 phone, a fresh
 * profile each round (nothing cached, no service worker yet), against a fresh app serving `staticDir`.
 */
export async function slowLinkBench(opts: {
  staticDir: string;
  latencyMs: number;
  bytesPerSecond: number;
  rounds: number;
}): Promise<LinkResult> {
  const srv = await startServer({ config: { staticDir: opts.staticDir } });
  const browser = await launchBrowser();
  const rounds: LinkRound[] = [];
  try {
    for (let i = 0; i < opts.rounds; i++) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      // When the form is drawn: the first frame after the enabled submit button is in the page.
      await context.addInitScript(() => {
        new MutationObserver((_, observer) => {
          const submit = document.querySelector<HTMLButtonElement>('[data-testid="login-submit"]');
          if (!submit || submit.disabled) return;
          observer.disconnect();
          requestAnimationFrame(() => {
            (window as { signInFormAt?: number }).signInFormAt = performance.now();
          });
        }).observe(document, { childList: true, subtree: true, attributes: true });
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: opts.latencyMs,
        downloadThroughput: opts.bytesPerSecond,
        uploadThroughput: opts.bytesPerSecond,
      });
      const urls = new Map<string, string>();
      /** When each request was sent, ms after navigation start (for the BENCH_LINK_FILES waterfall). */
      const sentAt = new Map<string, number>();
      let staticBytes = 0;
      let apiBytes = 0;
      let codeGzip = 0;
      let counting = true;
      let start = Date.now();
      cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => {
        urls.set(e.requestId, e.request.url);
        sentAt.set(e.requestId, Date.now() - start);
      });
      cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
        if (!counting) return;
        const p = new URL(urls.get(e.requestId) ?? srv.url).pathname;
        if (p.startsWith('/socket.io/')) return;
        if (p.startsWith('/api/')) apiBytes += e.encodedDataLength;
        else {
          staticBytes += e.encodedDataLength;
          if (p === '/' || /\.(js|mjs|css|html)$/.test(p)) codeGzip += gzipOf(opts.staticDir, p);
        }
        // The waterfall: sent and finished (ms after navigation start), bytes on the wire, path.
        if (process.env.BENCH_LINK_FILES)
          console.error(
            `    ${sentAt.get(e.requestId) ?? '?'} -> ${Date.now() - start} ms ${e.encodedDataLength} B ${p}`,
          );
      });
      start = Date.now();
      await page.goto(srv.url, { waitUntil: 'commit' });
      await page.getByTestId('login-submit').waitFor({ state: 'visible', timeout: 120_000 });
      await page.waitForFunction(
        () => !(document.querySelector('[data-testid="login-submit"]') as HTMLButtonElement).disabled,
      );
      const signInDriverMs = Date.now() - start;
      const signInMs = Math.round(
        await page
          .waitForFunction(() => (window as { signInFormAt?: number }).signInFormAt)
          .then((h) => h.jsonValue() as Promise<number>),
      );
      await page.getByTestId('login-username').fill('shelter');
      await page.getByTestId('login-password').fill('demo');
      const tapped = Date.now();
      await page.getByTestId('login-submit').click();
      await page.getByTestId('shelter-item').first().waitFor({ state: 'visible', timeout: 120_000 });
      const listMs = Date.now() - tapped;
      counting = false;
      rounds.push({ signInMs, signInDriverMs, listMs, staticBytes, apiBytes, codeGzip });
      console.error(
        `  slow link round ${i + 1}: sign-in form ${signInMs} ms (driver ${signInDriverMs} ms), list ${listMs} ms, ${Math.round(staticBytes / 1024)} KB static + ${Math.round(apiBytes / 1024)} KB API, code ${Math.round(codeGzip / 1024)} KB gzip`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await srv.stop();
  }
  return { latencyMs: opts.latencyMs, bytesPerSecond: opts.bytesPerSecond, rounds };
}
