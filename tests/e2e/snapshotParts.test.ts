import { describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import { signIn, useBrowserApp } from '../helpers/browser.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

function gate() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Hold GET /api/snapshot reads until released: the first-screen part and the rest apart. */
function holdParts() {
  const gates = { first: gate(), rest: gate() };
  const asked: string[] = [];
  const handle = async (route: Route) => {
    const domains = new URL(route.request().url()).searchParams.get('domains');
    asked.push(domains ?? '(whole)');
    await (domains?.split(',').includes('shelters') ? gates.first : gates.rest).promise;
    await route.continue();
  };
  return { gates, asked, handle };
}

describe('the snapshot in parts, in headless Chromium on a phone', { timeout: 180_000 }, () => {
  const app = useBrowserApp();

  it('shows a skeleton, then the shelter list from the first part, and a grey block (not 0) for figures whose part has not come', async () => {
    const context = await app.browser.newContext(PHONE);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const hold = holdParts();
    await page.route((url) => url.pathname === '/api/snapshot', hold.handle);
    await signIn(page, app.srv.url, 'shelter');

    // Nothing yet: the skeleton, no list, no "no shelter matches", no figure.
    await page.getByTestId('loading-skeleton').waitFor();
    expect(await page.getByTestId('shelter-item').count()).toBe(0);
    expect(await page.getByTestId('key-figures').count()).toBe(0);
    expect(hold.asked[0]).toBe('shelters,alerts,organisations');

    // The first part: the list and the shelter figures; services down and open requests still grey.
    hold.gates.first.resolve();
    await page.getByTestId('shelter-item').first().waitFor({ timeout: 30_000 });
    expect(
      Number(await page.getByTestId('figure-peopleSheltered').getAttribute('data-value')),
    ).toBeGreaterThan(0);
    for (const key of ['servicesDown', 'openRequests']) {
      const figure = page.getByTestId(`figure-${key}`);
      expect(await figure.getAttribute('data-value')).toBeNull();
      expect(await figure.getByTestId('figure-loading').count()).toBe(1);
    }
    // The rest was asked for right after, without the first part's domains.
    await expect.poll(() => hold.asked.length).toBe(2);
    expect(hold.asked[1]).toContain('services');
    expect(hold.asked[1]).not.toContain('shelters');

    // The services tab says nothing ("no services") until its domain comes: a skeleton.
    await page.getByTestId('tab-services').click();
    await page.getByTestId('loading-skeleton').waitFor();
    expect(await page.getByTestId('service-item').count()).toBe(0);

    // The rest: the services list, and true figures.
    hold.gates.rest.resolve();
    await page.getByTestId('service-item').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('loading-skeleton').count()).toBe(0);
    await page.getByTestId('tab-shelters').click();
    await page.getByTestId('shelter-item').first().waitFor();
    expect(await page.getByTestId('figure-servicesDown').getAttribute('data-value')).toMatch(/^\d+$/);
    expect(await page.getByTestId('figure-openRequests').getAttribute('data-value')).toMatch(/^\d+$/);
    expect(await page.getByTestId('figure-loading').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
