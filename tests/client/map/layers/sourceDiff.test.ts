import type { GeoJSONSource } from 'maplibre-gl';
import { describe, expect, it, vi } from 'vitest';
import { incrementalRedraw, recordDiff } from '../../../../client/src/map/layers/sourceDiff.js';

interface Rec {
  id: string;
  n: number;
  shown: boolean;
}
const rec = (id: string, n = 0, shown = true): Rec => ({ id, n, shown });
const feature = (r: Rec) =>
  r.shown
    ? {
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [105, 16] },
        properties: { id: r.id, n: r.n },
      }
    : null;

describe('recordDiff', () => {
  it('sends only the records that changed, added or went, by identity', () => {
    const a = rec('a');
    const b = rec('b');
    const c = rec('c');
    const prev = { a, b, c };
    const next = { a, b: { ...b, n: 5 }, d: rec('d') };
    const diff = recordDiff(prev, next, feature);
    expect(diff.add.map((f) => [f.id ?? f.properties?.['id'], f.properties] as const)).toEqual([
      ['b', { id: 'b', n: 5 }],
      ['d', { id: 'd', n: 0 }],
    ]);
    expect(diff.remove).toEqual(['c']);
  });

  it('removes a record that no longer passes the filter, and sends nothing for an unchanged map', () => {
    const a = rec('a');
    expect(recordDiff({ a }, { a: { ...a, shown: false } }, feature)).toEqual({ add: [], remove: ['a'] });
    expect(recordDiff({ a }, { a }, feature)).toEqual({ add: [], remove: [] });
    // Never shown, still not shown: nothing is added (removing an id the source lacks is a no-op in MapLibre).
    const hidden = rec('h', 0, false);
    expect(recordDiff({ hidden }, { hidden: { ...hidden, n: 1 } }, feature).add).toEqual([]);
  });
});

describe('incrementalRedraw', () => {
  const fakeSource = () => ({
    setData: vi.fn(() => Promise.resolve()),
    updateData: vi.fn(() => Promise.resolve()),
  });

  it('sends a diff for a data change and the whole source for a filter change or the clock', () => {
    const src = fakeSource();
    let byId: Record<string, Rec> = { a: rec('a'), b: rec('b') };
    let filter = 'all';
    let t = 0;
    const redraw = incrementalRedraw({
      source: () => src as unknown as GeoJSONSource,
      read: () => ({ byId, deps: [filter] }),
      all: () => ({ type: 'FeatureCollection', features: [] }),
      toFeature: feature,
      fullEveryMs: 60_000,
      seeded: true,
      now: () => t,
    });
    byId = { ...byId, b: rec('b', 9) };
    void redraw();
    expect(src.setData).not.toHaveBeenCalled();
    expect(src.updateData).toHaveBeenCalledWith({ add: [feature(byId.b!)], remove: [] });

    void redraw();
    expect(src.updateData).toHaveBeenCalledTimes(1);

    filter = 'full only';
    void redraw();
    expect(src.setData).toHaveBeenCalledTimes(1);

    t = 61_000;
    void redraw();
    expect(src.setData).toHaveBeenCalledTimes(2);
    expect(src.updateData).toHaveBeenCalledTimes(1);
  });
});
