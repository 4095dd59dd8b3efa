import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ensureClientBuilt } from '../helpers/buildClient.js';
import { signIn } from '../helpers/browser.js';
import { launchBrowser } from '../helpers/chromium.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { DEFAULT_CARE_THRESHOLDS } from '../../shared/domain/careRules.js';
import { loadScenario } from '../../scripts/replay/scenario.js';
import { PausableClock, playOnce } from '../../scripts/replay/player.js';
import { parseOptions } from '../../scripts/replay/args.js';
import { audit } from './a11yScreens.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * The Yagi replay on the wall display (issue 11, "look at the replay running on the wall display"):
 * a short window of the timeline played at high speed through the API, as `npm run demo:replay`
 * plays it, while an operations officer's wall display is open.
 */
describe('demo replay on the wall display at 1920x1080', { timeout: 240_000 }, () => {
  let srv: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureClientBuilt();
    // Duty-of-care rules on every change, as in production, so the filling shelters raise alerts live.
    srv = await startServer({
      config: {
        staticDir: path.join(ROOT, 'dist', 'client'),
        careAlerts: { checkMs: 3_600_000, thresholds: DEFAULT_CARE_THRESHOLDS, onChange: true },
      },
    });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
  });

  it('shows the scenario clock and the picture moving: shelters filling, a storm alert, legible from across the room', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await signIn(page, srv.url, 'ops');
    await page.goto(`${srv.url}/?display=wall`);
    await page.waitForFunction(() => window.__appReady === true, undefined, { timeout: 60_000 });
    await page.locator('.shell--wall').waitFor();
    const value = async (key: string) =>
      Number(await page.getByTestId(`figure-${key}`).getAttribute('data-value'));
    const sheltered = await value('peopleSheltered');
    const full = await value('sheltersFull');
    expect(await page.getByTestId('scenario-clock').count()).toBe(0);

    // 6 to 8 September 2024 (earlier steps fast-forwarded): evacuation, shelters filling, landfall.
    const opts = parseOptions([
      '--url',
      srv.url,
      '--speed',
      '20000',
      '--from',
      '2024-09-06',
      '--to',
      '2024-09-08',
    ]);
    const scenario = loadScenario(path.join(ROOT, opts.scenario));
    const log: string[] = [];
    const clock = new PausableClock(Date.parse(scenario.start), opts.speed);
    const replay = playOnce(scenario, opts, clock, (l) => log.push(l), 'wall');
    // Awaited below; a failure before that must not surface later as an unhandled rejection.
    replay.catch(() => undefined);

    // The scenario clock reaches the wall while the replay runs.
    const scenarioClock = page.getByTestId('scenario-clock');
    await scenarioClock.waitFor({ timeout: 30_000 });
    // The steps before the window are fast-forwarded first (their times flash by), then it plays.
    await expect
      .poll(() => scenarioClock.textContent(), { timeout: 30_000 })
      .toMatch(/Yagi.*0[6-8]\/09\/2024/);
    const played = await replay;
    expect(played).toBeGreaterThan(20);
    // The last step's time, 8 September (the wall forgets a clock 30 s after the replay's last word).
    await expect
      .poll(() => scenarioClock.textContent(), { timeout: 10_000 })
      .toMatch(/Yagi.*08\/09\/2024 20:05/);

    // The picture moved: more people sheltered, more shelters full, the landfall alert in the feed.
    await expect.poll(() => value('sheltersFull'), { timeout: 20_000 }).toBeGreaterThan(full);
    expect(await value('peopleSheltered')).toBeGreaterThan(sheltered);
    const feed = page.getByTestId('activity-feed');
    await feed.getByText('Bão Yagi đổ bộ', { exact: false }).first().waitFor({ timeout: 20_000 });
    await expect
      .poll(() => feed.locator('[data-testid="activity-item"][data-type="care-alert:raised"]').count(), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);

    // Legible from across the room.
    const px = (loc: ReturnType<typeof page.locator>) =>
      loc.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await px(page.locator('body'))).toBeGreaterThanOrEqual(28);
    expect(await px(feed.getByTestId('activity-item').first())).toBeGreaterThanOrEqual(28);
    expect(await px(scenarioClock)).toBeGreaterThanOrEqual(28);
    await page.screenshot({ path: path.join(ROOT, 'docs', 'wall-replay.png') });
    // The scenario clock and the replay's feed pass axe as the rest of the wall does.
    expect(await audit(page, 'wall replay')).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
