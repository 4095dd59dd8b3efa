import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { GeoJSONSource } from 'maplibre-gl';
import { startBrowserApp, stopBrowserApp, signIn } from '../helpers/browser.js';
import type { TestServer } from '../helpers/server.js';

describe('shelter clusters in headless Chromium', { timeout: 180_000 }, () => {
  let srv: TestServer;
  let browser: Browser;

  beforeAll(async () => void ({ srv, browser } = await startBrowserApp()), 300_000);
  afterAll(() => stopBrowserApp({ srv, browser }));

  it('a click on a cluster zooms to where it splits (getClusterExpansionZoom), not a fixed step', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, srv.url, 'ops');
    await page.waitForFunction(
      () => window.__mapReady === true && !!window.__map?.getLayer('shelters-clusters'),
      undefined,
      {
        timeout: 60_000,
      },
    );
    // Far enough out that the demo's shelters gather in clusters.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const map = window.__map!;
          map.jumpTo({ center: [106, 16], zoom: 4 });
          map.once('idle', () => resolve());
        }),
    );
    const target = await page.evaluate(async () => {
      const map = window.__map!;
      const clusters = map.queryRenderedFeatures({ layers: ['shelters-clusters'] });
      const biggest = clusters.sort(
        (a, b) => Number(b.properties['point_count']) - Number(a.properties['point_count']),
      )[0];
      if (!biggest || biggest.geometry.type !== 'Point') return null;
      const [lon, lat] = biggest.geometry.coordinates as [number, number];
      const clusterId = Number(biggest.properties['cluster_id']);
      const source = map.getSource('shelters') as GeoJSONSource;
      const p = map.project([lon, lat]);
      return {
        x: p.x,
        y: p.y,
        count: Number(biggest.properties['point_count']),
        expansion: await source.getClusterExpansionZoom(clusterId),
        zoom: map.getZoom(),
      };
    });
    expect(target, 'a cluster is drawn at zoom 4').not.toBeNull();
    const t = target!;
    expect(t.count).toBeGreaterThan(1);
    // The split is more than the old fixed step away, so a fixed zoom-in would not land on it.
    expect(t.expansion).toBeGreaterThan(t.zoom);

    const box = (await page.getByTestId('map').boundingBox())!;
    const moved = page.evaluate(
      () => new Promise<void>((resolve) => window.__map!.once('moveend', () => resolve())),
    );
    await page.mouse.click(box.x + t.x, box.y + t.y);
    await moved;
    await page.evaluate(() => new Promise<void>((resolve) => window.__map!.once('idle', () => resolve())));
    const after = await page.evaluate((count) => {
      const map = window.__map!;
      const c = map.project(map.getCenter());
      const near = map.queryRenderedFeatures(
        [
          [c.x - 120, c.y - 120],
          [c.x + 120, c.y + 120],
        ],
        { layers: ['shelters-clusters', 'shelters-point'] },
      );
      return {
        zoom: map.getZoom(),
        shown: near.length,
        stillWhole: near.some((f) => Number(f.properties['point_count']) === count),
      };
    }, t.count);
    expect(after.zoom).toBeCloseTo(t.expansion, 2);
    // At that zoom the cluster has come apart: two or more marks where there was one.
    expect(after.stillWhole).toBe(false);
    expect(after.shown).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: '.tmp/cluster-split.png' });
    await context.close();
  });
});
