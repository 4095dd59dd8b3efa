import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBrowserApp, stopBrowserApp, signIn } from '../helpers/browser.js';
import { login } from '../helpers/client.js';
import type { TestServer } from '../helpers/server.js';
import type { ServicePoint } from '../../shared/schemas/services.js';
import type { ReferralPathway } from '../../shared/schemas/referralPathway.js';
import { demoId } from '../../server/demo/ids.js';
import { audit, type Finding } from './a11yScreens.js';
import { escalateOverdue } from '../../server/features/coordinationRoles/coordinationRoles.escalation.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const OUT = path.join(ROOT, 'test-results', 'coordination');
const DOCS = path.join(ROOT, 'docs');
const SHELTER = 'Ha Long Primary School No. 1';

/** The text of a PDF as poppler-utils reads it, and its page count. */
function pdf(file: string): { text: string; pages: number; landscape: boolean } {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info) ?? [];
  return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]), landscape: Number(w) > Number(h) };
}

async function openPopup(page: Page, testId: string): Promise<Page> {
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId(testId).click()]);
  return popup;
}

describe(
  'the coordination matrix and the referral pathway poster in the browser',
  { timeout: 300_000 },
  () => {
    let srv: TestServer;
    let browser: Browser;

    beforeAll(async () => {
      // The map is not this file's subject: folded, as a user can (a11y, mapCluster, gbv, wall draw it).
      ({ srv, browser } = await startBrowserApp({ map: false }));
      fs.mkdirSync(OUT, { recursive: true });
    }, 300_000);
    afterAll(() => stopBrowserApp({ srv, browser }));

    it('every role opens the matrix from the dashboard; gaps are red; GBV marks a review; prints A4 in vi and en', async () => {
      for (const user of ['viewer', 'shelter', 'provider', 'admin', 'ops', 'gbv']) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await signIn(page, srv.url, user);
        const matrix = await openPopup(page, 'open-coordination');
        matrix.on('pageerror', (e) => errors.push(String(e)));
        const laoCai = matrix.getByTestId('matrix-place-15');
        await laoCai.waitFor({ timeout: 30_000 });
        // The seeded gap: nobody leads clinical care in Lao Cai.
        const gap = laoCai.getByTestId('matrix-row-clinical_care');
        expect(await gap.getAttribute('data-gap')).toBe('true');
        await gap.getByTestId('matrix-no-lead').waitFor();
        expect(
          await gap.getByTestId('matrix-no-lead').evaluate((e) => getComputedStyle(e).backgroundColor),
        ).toBe('rgb(179, 38, 30)');
        expect(await matrix.getByTestId('matrix-review-due').count(), user).toBeGreaterThan(0);
        const buttons = await matrix.getByTestId('matrix-mark-reviewed').count();
        if (['viewer', 'shelter', 'provider', 'admin'].includes(user)) expect(buttons, user).toBe(0);
        else expect(buttons, user).toBeGreaterThan(0);
        if (user === 'ops') {
          // Operations officers edit only disaster operations and shelter management.
          const rows = matrix.locator('tr:has([data-testid="matrix-mark-reviewed"])');
          const fns = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
          expect(new Set(fns)).toEqual(new Set(['matrix-row-disaster_ops', 'matrix-row-shelter_management']));
        }
        if (user === 'gbv') {
          // The picture for docs/: one province, with its gap, from the top.
          await matrix.getByTestId('matrix-place').selectOption('15');
          await matrix.evaluate(() => window.scrollTo(0, 0));
          await matrix.screenshot({ path: path.join(DOCS, 'coordination-matrix.png'), fullPage: true });
          await matrix.getByTestId('matrix-place').selectOption('all');
          const place = matrix
            .locator('section')
            .filter({ has: matrix.getByTestId('matrix-review-due') })
            .first();
          const placeId = await place.getAttribute('data-testid');
          const due = matrix
            .getByTestId(placeId!)
            .locator('tr:has([data-testid="matrix-review-due"])')
            .first();
          const fn = await due.getAttribute('data-testid');
          await due.getByTestId('matrix-mark-reviewed').click();
          const row = matrix.getByTestId(placeId!).getByTestId(fn!);
          await row.getByTestId('matrix-review-due').waitFor({ state: 'detached' });
          const vi = path.join(OUT, 'matrix-vi.pdf');
          await matrix.pdf({ path: vi, format: 'A4', printBackground: true, preferCSSPageSize: true });
          const { text, landscape } = pdf(vi);
          expect(landscape).toBe(true);
          expect(text).toContain('Cơ chế điều phối');
          expect(text).toContain('Chưa có chủ trì');
          expect(text).toContain('Chăm sóc y tế');
          expect(text).not.toContain('In / Tải PDF');
          expect(text).not.toContain('Đánh dấu đã rà soát');
          await matrix.getByTestId('lang-en').click();
          await matrix.getByText('Coordination mechanism: who leads what, where').waitFor();
          const en = path.join(OUT, 'matrix-en.pdf');
          await matrix.pdf({ path: en, format: 'A4', printBackground: true, preferCSSPageSize: true });
          const english = pdf(en).text;
          expect(english).toContain('No lead');
          expect(english).toContain('Clinical care');
          await matrix.getByTestId('lang-vi').click();
        }
        // Back to the dashboard from the page.
        await matrix.getByTestId('matrix-back').click();
        await matrix.getByTestId('app-shell').waitFor({ timeout: 30_000 });
        expect(errors, user).toEqual([]);
        await page.close();
        await matrix.close();
      }
    });

    it('a shelter manager opens the poster from the panel, prints it on one A4 page without safe-house names, and sees it outdated once a service on it closes', async () => {
      const gbv = await login(srv.url, 'gbv');
      const safeHouses = (await gbv.get<ServicePoint[]>('/api/services')).body
        .data!.filter((s) => s.types.includes('safe_house'))
        .map((s) => s.name);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await signIn(page, srv.url, 'shelter');
      await page.getByTestId('shelter-item').filter({ hasText: SHELTER }).click();
      await page.getByTestId('poster-printed').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('poster-printed').innerText()).toContain('Chưa in áp phích');

      const poster = await openPopup(page, 'open-poster');
      poster.on('pageerror', (e) => errors.push(String(e)));
      await poster.getByTestId('poster').waitFor({ timeout: 30_000 });
      // The browser's print dialog is not for a headless test: printing is page.pdf() below.
      await poster.evaluate(() => {
        window.print = () => undefined;
      });
      const recorded = poster.waitForResponse((r) => r.url().endsWith('/referral-pathway/printed'));
      await poster.getByTestId('poster-print').click();
      expect((await recorded).status()).toBe(200);
      await poster.screenshot({ path: path.join(DOCS, 'referral-poster.png'), fullPage: true });
      const file = path.join(OUT, 'poster-vi.pdf');
      await poster.pdf({ path: file, format: 'A4', printBackground: true });
      const { text, pages } = pdf(file);
      expect(pages).toBe(1);
      expect(text).toContain('Nơi tìm sự giúp đỡ');
      expect(text).toContain('Đường dây nóng');
      expect(text).toContain('1800 0001');
      expect(text).toContain('In lúc');
      expect(text).toContain('in lại áp phích');
      expect(text).not.toContain('In / Tải PDF');
      for (const name of safeHouses) expect(text, name).not.toContain(name);

      // On a phone it fits the width: no sideways scrolling.
      await poster.setViewportSize({ width: 360, height: 740 });
      expect(await poster.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await poster.screenshot({ path: path.join(OUT, 'poster-phone.png'), fullPage: false });

      const closed = poster.waitForEvent('close');
      await poster.getByTestId('poster-close').click();
      await closed;

      // Back in the panel: the print is known; then a service on the poster closes and the flag shows live.
      await page.bringToFront();
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await page.getByTestId('poster-printed').filter({ hasText: 'Áp phích in lúc' }).waitFor();
      const shelterId = demoId(`shelter:${SHELTER}`);
      const manager = await login(srv.url, 'shelter');
      const onPoster = (await manager.get<ReferralPathway>(`/api/shelters/${shelterId}/referral-pathway`))
        .body.data!;
      const first = onPoster.sections.flatMap((s) => s.services)[0]!;
      const service = (await gbv.get<ServicePoint>(`/api/services/${first.id}`)).body.data!;
      const closedReply = await gbv.send('POST', `/api/services/${first.id}/availability`, {
        version: service.version,
        status: 'closed',
        reasons: ['flooded'],
      });
      expect(closedReply.status).toBeLessThan(300);
      await page.getByTestId('poster-outdated').waitFor({ timeout: 30_000 });
      await page.getByTestId('poster-link-box').screenshot({ path: path.join(OUT, 'panel-outdated.png') });
      expect(errors).toEqual([]);
      await page.close();
    });

    it('an escalation on time shows in the activity feed, not only in the thread', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await signIn(page, srv.url, 'ops');
      await page.getByTestId('activity-feed').waitFor({ timeout: 30_000 });
      // A fake clock a day and a half ahead: the open urgent and life-saving demo requests are overdue.
      const escalated = await escalateOverdue(srv.app.ctx, new Date(Date.now() + 36 * 3_600_000));
      expect(escalated).toBeGreaterThan(0);
      const item = page.locator('[data-testid="activity-item"][data-detail="escalated"]').first();
      await item.waitFor({ timeout: 30_000 });
      expect(await item.innerText()).toContain('Đã chuyển lên cơ quan chủ trì quốc gia');
      await page.getByTestId('activity-feed').screenshot({ path: path.join(OUT, 'feed-escalated.png') });
      await page.close();
    });

    it('the matrix and the poster have no serious or critical accessibility violations, on a desktop and a phone', async () => {
      const found: Finding[] = [];
      const shelterId = demoId(`shelter:${SHELTER}`);
      for (const viewport of [
        { width: 1440, height: 900 },
        { width: 360, height: 740 },
      ]) {
        // axe needs a page of its own context.
        const context = await browser.newContext({ viewport });
        const page = await context.newPage();
        await signIn(page, srv.url, 'gbv');
        await page.goto(`${srv.url}/coordination`);
        await page.getByTestId('matrix-place-15').waitFor({ timeout: 30_000 });
        found.push(...(await audit(page, `matrix ${viewport.width}`)));
        await page.goto(`${srv.url}/referral-pathway?shelter=${shelterId}`);
        await page.getByTestId('poster').waitFor({ timeout: 30_000 });
        found.push(...(await audit(page, `poster ${viewport.width}`)));
        await context.close();
      }
      expect(found.map((f) => `${f.screen}: ${f.id} ${f.targets.join(' ')} ${f.summary}`)).toEqual([]);
    });
  },
);
