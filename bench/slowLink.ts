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
  /** From tapping "sign in" until the first frame with a shelter in the list, on the page's clock. */
  listMs: number;
  /**
   * Bytes on the wire (Resource Timing's transferSize: compressed, headers included) of the built
   * files the page had received when it drew the list, API excluded.
   */
  staticBytes: number;
  /** The same for API answers (sign-in, me, snapshot, areas). */
  apiBytes: number;
  /**
   * Gzip (level 9) size of the code and styles (html, js, css) the page had received when it drew
   * the list, fonts and icons left out. A lazy chunk still on its way then is not counted: the list
   * did not wait for it (the driver, polling, used to see a few of those finish first).
   */
  codeGzip: number;
  /** The same for code still arriving when the list was drawn, or asked for after (not in codeGzip). */
  laterGzip: number;
}

/** What the bench's init script keeps on the page (performance.now() of each mark). */
interface PageMarks {
  formSeen?: boolean;
  signInFormAt?: number;
  tappedAt?: number;
  listSeen?: boolean;
  listAt?: number;
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
      // On the page's own clock: the first frame with the enabled submit button (the form), the tap on
      // it, and the first frame with a shelter in the list.
      await context.addInitScript(() => {
        const w = window as PageMarks;
        document.addEventListener(
          'click',
          (e) => {
            if ((e.target as Element | null)?.closest?.('[data-testid="login-submit"]'))
              w.tappedAt ??= performance.now();
          },
          true,
        );
        new MutationObserver((_, observer) => {
          const submit = document.querySelector<HTMLButtonElement>('[data-testid="login-submit"]');
          if (submit && !submit.disabled && !w.formSeen) {
            w.formSeen = true;
            requestAnimationFrame(() => (w.signInFormAt = performance.now()));
          }
          const item = document.querySelector<HTMLElement>('[data-testid="shelter-item"]');
          if (item && item.offsetParent !== null && !w.listSeen) {
            w.listSeen = true;
            observer.disconnect();
            requestAnimationFrame(() => (w.listAt = performance.now()));
          }
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
      const start = Date.now();
      await page.goto(srv.url, { waitUntil: 'commit' });
      await page.getByTestId('login-submit').waitFor({ state: 'visible', timeout: 120_000 });
      await page.waitForFunction(
        () => !(document.querySelector('[data-testid="login-submit"]') as HTMLButtonElement).disabled,
      );
      const signInDriverMs = Date.now() - start;
      const signInMs = Math.round(
        await page
          .waitForFunction(() => (window as PageMarks).signInFormAt)
          .then((h) => h.jsonValue() as Promise<number>),
      );
      await page.getByTestId('login-username').fill('shelter');
      await page.getByTestId('login-password').fill('demo');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('shelter-item').first().waitFor({ state: 'visible', timeout: 120_000 });
      await page.waitForFunction(() => (window as PageMarks).listAt);
      // What the phone had received when it drew the list (Resource Timing, same clock): a file
      // still arriving then, or asked for after, was not needed for it.
      const seen = await page.evaluate(() => {
        const w = window as PageMarks;
        const entries = [
          ...performance.getEntriesByType('navigation'),
          ...performance.getEntriesByType('resource'),
        ] as PerformanceResourceTiming[];
        const files = entries.map((e) => ({
          path: new URL(e.name).pathname,
          bytes: e.transferSize,
          sent: Math.round(e.startTime),
          done: Math.round(e.responseEnd),
        }));
        return { tappedAt: w.tappedAt!, listAt: w.listAt!, files };
      });
      const listMs = Math.round(seen.listAt - seen.tappedAt);
      let staticBytes = 0;
      let apiBytes = 0;
      let codeGzip = 0;
      let laterGzip = 0;
      for (const f of seen.files) {
        if (f.path.startsWith('/socket.io/')) continue;
        const code =
          f.path === '/' || /\.(js|mjs|css|html)$/.test(f.path) ? gzipOf(opts.staticDir, f.path) : 0;
        if (f.done > seen.listAt) {
          laterGzip += code;
          continue;
        }
        if (f.path.startsWith('/api/')) apiBytes += f.bytes;
        else {
          staticBytes += f.bytes;
          codeGzip += code;
        }
      }
      // The waterfall: sent and finished (ms after navigation start, the page's clock), bytes, path.
      if (process.env.BENCH_LINK_FILES)
        for (const f of seen.files)
          console.error(
            `    ${f.sent} -> ${f.done} ms ${f.bytes} B ${f.path}${f.done > seen.listAt ? ' (after the list)' : ''}`,
          );
      rounds.push({ signInMs, signInDriverMs, listMs, staticBytes, apiBytes, codeGzip, laterGzip });
      console.error(
        `  slow link round ${i + 1}: sign-in form ${signInMs} ms (driver ${signInDriverMs} ms), list ${listMs} ms, ${Math.round(staticBytes / 1024)} KB static + ${Math.round(apiBytes / 1024)} KB API, code ${(codeGzip / 1024).toFixed(1)} KB gzip (${(laterGzip / 1024).toFixed(1)} KB more arriving after the list)`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await srv.stop();
  }
  return { latencyMs: opts.latencyMs, bytesPerSecond: opts.bytesPerSecond, rounds };
}
