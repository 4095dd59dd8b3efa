import { describe, expect, it } from 'vitest';
import {
  ClusterIndex,
  ViewTracker,
  type KeyedPoint,
  type ViewFeature,
} from '../../../../client/src/map/layers/clusterIndex.js';

const point = (id: string, lon: number, lat: number, occupancy = 10, full = 0): KeyedPoint => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { id, occupancy, full },
});

const WORLD: [number, number, number, number] = [-180, -85, 180, 85];
const OPTIONS = { radius: 40, maxZoom: 7, sum: ['occupancy', 'full'] };

// Two groups far apart (Ha Noi, Ho Chi Minh City), each a cluster at zoom 5.
const north = [point('n1', 105.8, 21.0), point('n2', 105.85, 21.02), point('n3', 105.82, 21.05, 10, 1)];
const south = [point('s1', 106.7, 10.78), point('s2', 106.72, 10.8)];

const clusters = (fs: ViewFeature[]) => fs.filter((f) => f.properties['cluster'] === true);
const near = (fs: ViewFeature[], lat: number) =>
  fs.find((f) => Math.abs(f.geometry.coordinates[1]! - lat) < 1)!.properties;

describe('the shelter cluster index (what the map worker runs)', () => {
  it('clusters the points in a bbox and zoom, with counts, sums and ids; points apart past the last cluster zoom', () => {
    const index = new ClusterIndex(OPTIONS);
    index.load([...north, ...south]);
    const view = index.view(WORLD, 5);
    expect(clusters(view)).toHaveLength(2);
    const n = near(view, 21);
    expect(n).toMatchObject({ point_count: 3, occupancy: 30, full: 1 });
    expect(n['id']).toBe(`cluster-${String(n['cluster_id'])}`);
    expect(view.every((f) => f.id === f.properties['id'])).toBe(true);
    // Only what is in the bbox: the south alone.
    const southOnly = index.view([104, 8, 109, 13], 5);
    expect(southOnly).toHaveLength(1);
    expect(southOnly[0]!.properties['point_count']).toBe(2);
    // Past maxZoom every point stands alone with its own properties and id.
    const apart = index.view(WORLD, 8);
    expect(apart.map((f) => f.id).sort()).toEqual(['n1', 'n2', 'n3', 's1', 's2']);
    expect(apart.find((f) => f.id === 'n3')!.properties).toEqual({ id: 'n3', occupancy: 10, full: 1 });
    // A cluster click zooms to where it comes apart: there it is no longer whole.
    const zoom = index.expansionZoom(Number(n['cluster_id']));
    expect(zoom).toBeGreaterThan(5);
    expect(index.view(WORLD, zoom).some((f) => f.properties['point_count'] === 3)).toBe(false);
  });

  it('keeps every cluster id across a change that moves no point, and its sums follow the change', () => {
    const index = new ClusterIndex(OPTIONS);
    index.load([...north, ...south]);
    const before = index.view(WORLD, 5);
    index.update({ add: [point('n2', 105.85, 21.02, 500)] });
    const after = index.view(WORLD, 5);
    expect(after.map((f) => f.id)).toEqual(before.map((f) => f.id));
    expect(near(after, 21)['occupancy']).toBe(520);
    expect(near(after, 10.8)['occupancy']).toBe(20);
    expect(index.size).toBe(5);
  });

  it('moves a point from one cluster to the other, and drops a removed point', () => {
    const index = new ClusterIndex(OPTIONS);
    index.load([...north, ...south]);
    index.update({ add: [point('n1', 106.71, 10.79)] });
    let view = index.view(WORLD, 5);
    expect(near(view, 21)['point_count']).toBe(2);
    expect(near(view, 10.8)['point_count']).toBe(3);
    index.update({ remove: ['s1', 's2'] });
    view = index.view(WORLD, 5);
    expect(near(view, 10.8)).toEqual({ id: 'n1', occupancy: 10, full: 0 });
  });
});

describe('the view tracker', () => {
  it('sends the whole view first, then only what changed or went, and nothing for the same view', () => {
    const index = new ClusterIndex(OPTIONS);
    index.load([...north, ...south, point('x', 120, 15)]);
    const tracker = new ViewTracker();
    const first = tracker.next(index.view(WORLD, 5));
    expect(first.all).toBe(true);
    expect(first.add).toHaveLength(3);
    expect(tracker.next(index.view(WORLD, 5))).toEqual({ all: false, add: [], remove: [] });
    index.update({ add: [point('s1', 106.7, 10.78, 99)] });
    const changed = tracker.next(index.view(WORLD, 5));
    expect(changed.all).toBe(false);
    expect(changed.add.map((f) => f.properties['point_count'])).toEqual([2]);
    expect(near(changed.add, 10.8)['occupancy']).toBe(109);
    // A point that leaves the view (moved away, same count of points) is removed alone.
    index.update({ add: [point('x', -60, -30)] });
    expect(tracker.next(index.view([90, 0, 130, 30], 5))).toEqual({ all: false, add: [], remove: ['x'] });
    // A new zoom changes most of the view: it is sent whole.
    expect(tracker.next(index.view(WORLD, 9)).all).toBe(true);
  });
});
