import type { BBox, FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { ClusterOptions, KeyedPoint, PointDiff } from './clusterIndex.js';
import type { ClusterReply, ClusterRequest } from './clusters.worker.js';
import { type FeatureSink, untilSourceLoaded } from './sourceDiff.js';

type Asked = Extract<ClusterRequest, { seq: number }>;
type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never;

/** How far past each edge of the view the clusters sent reach, as a share of the view: a short pan needs none. */
const MARGIN = 0.5;

/** A clustered point source whose clustering runs in our worker; its data goes in through `sink`. */
export interface ClusteredSource {
  /** The layer's redraw feeds the points here; each promise settles once the view shows the change. */
  sink: FeatureSink;
  /** The zoom at which a cluster on screen comes apart (null when the data has moved on since). */
  expansionZoom(clusterId: number): Promise<number | null>;
  dispose(): void;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The view's bounds widened by MARGIN on every side, within the world's. */
function paddedBounds(map: MapLibreMap): BBox {
  const b = map.getBounds();
  const dx = (b.getEast() - b.getWest()) * MARGIN;
  const dy = (b.getNorth() - b.getSouth()) * MARGIN;
  return [
    clamp(b.getWest() - dx, -180, 180),
    clamp(b.getSouth() - dy, -85.06, 85.06),
    clamp(b.getEast() + dx, -180, 180),
    clamp(b.getNorth() + dy, -85.06, 85.06),
  ];
}

/**
 * Add `sourceId` as a plain (unclustered) GeoJSON source that holds only the clusters and points of
 * the visible area and zoom, computed by supercluster in our own Web Worker. MapLibre then never
 * re-clusters thousands of points on the main thread's behalf: a change re-tiles a few hundred
 * features, and only when what is in view changed. The view follows every move and zoom, one request
 * in flight at a time. The source's `getClusterExpansionZoom` answers from the worker, so a cluster
 * click (and a test) asks the source as it would a MapLibre-clustered one.
 */
export function mountClusteredSource(
  map: MapLibreMap,
  sourceId: string,
  points: FeatureCollection,
  options: ClusterOptions,
): ClusteredSource {
  map.addSource(sourceId, {
    type: 'geojson',
    data: { type: 'FeatureCollection', features: [] },
    promoteId: 'id',
  });
  const worker = new Worker(new URL('./clusters.worker.ts', import.meta.url), { type: 'module' });
  const post = (m: ClusterRequest) => worker.postMessage(m);
  let seq = 0;
  const waiting = new Map<number, (r: ClusterReply) => void>();
  worker.onmessage = (e: MessageEvent<ClusterReply>) => {
    waiting.get(e.data.seq)?.(e.data);
    waiting.delete(e.data.seq);
  };
  const ask = (m: WithoutSeq<Asked>) =>
    new Promise<ClusterReply>((resolve) => {
      const s = ++seq;
      waiting.set(s, resolve);
      post({ ...m, seq: s });
    });

  /** What the source holds: the area and the floored zoom it was computed for. */
  let covered: { bbox: BBox; zoom: number } | null = null;
  let disposed = false;
  const show = async () => {
    const bbox = paddedBounds(map);
    const zoom = Math.floor(map.getZoom());
    const r = await ask({ type: 'view', bbox, zoom });
    const src = map.getSource<GeoJSONSource>(sourceId);
    if (disposed || !src || r.type !== 'view') return;
    covered = { bbox, zoom };
    // Unchanged (a change out of view, a pan within the area sent): nothing to redraw.
    if (!r.all && !r.add.length && !r.remove.length) return;
    await (r.all
      ? src.setData({ type: 'FeatureCollection', features: r.add })
      : src.updateData({ add: r.add, remove: r.remove }));
    await untilSourceLoaded(map, sourceId);
  };

  // One view in flight; requests meanwhile share one more after it, so the last state is always shown.
  let inflight: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const refresh = (): Promise<void> => {
    if (!inflight) {
      inflight = show()
        .catch((err: unknown) => console.error('map: cluster view failed', err))
        .finally(() => (inflight = null));
      return inflight;
    }
    next ??= inflight.then(() => {
      next = null;
      return refresh();
    });
    return next;
  };

  const onMove = () => {
    const b = map.getBounds();
    const c = covered;
    const inside =
      c !== null &&
      c.zoom === Math.floor(map.getZoom()) &&
      b.getWest() >= c.bbox[0] &&
      b.getSouth() >= c.bbox[1] &&
      b.getEast() <= c.bbox[2] &&
      b.getNorth() <= c.bbox[3];
    if (!inside) void refresh();
  };
  map.on('move', onMove);
  map.on('moveend', onMove);

  post({ type: 'init', options });
  post({ type: 'load', points: points.features as KeyedPoint[] });
  void refresh();

  const expansionZoom = async (clusterId: number) => {
    const r = await ask({ type: 'expansion', clusterId });
    return r.type === 'expansion' ? r.zoom : null;
  };
  const src = map.getSource<GeoJSONSource>(sourceId);
  if (src)
    src.getClusterExpansionZoom = async (clusterId: number) => {
      const zoom = await expansionZoom(clusterId);
      if (zoom === null) throw new Error(`no cluster ${clusterId}`);
      return zoom;
    };

  return {
    sink: {
      setData(data) {
        post({ type: 'load', points: data.features as KeyedPoint[] });
        return refresh();
      },
      updateData(diff) {
        // The layer's features are its points (shelterFeature), each keyed by `properties.id`.
        post({ type: 'update', diff: diff as unknown as PointDiff });
        return refresh();
      },
    },
    expansionZoom,
    dispose() {
      disposed = true;
      map.off('move', onMove);
      map.off('moveend', onMove);
      worker.terminate();
    },
  };
}
