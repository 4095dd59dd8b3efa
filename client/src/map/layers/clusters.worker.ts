import type { BBox } from 'geojson';
import {
  ClusterIndex,
  ViewTracker,
  type ClusterOptions,
  type KeyedPoint,
  type PointDiff,
  type ViewUpdate,
} from './clusterIndex.js';

/** What the map's thread asks; every request with a `seq` gets one reply with the same `seq`. */
export type ClusterRequest =
  | { type: 'init'; options: ClusterOptions }
  | { type: 'load'; points: KeyedPoint[] }
  | { type: 'update'; diff: PointDiff }
  | { type: 'view'; seq: number; bbox: BBox; zoom: number }
  | { type: 'expansion'; seq: number; clusterId: number };

/** A view as the change from the last view sent (see ViewTracker). */
export type ClusterReply =
  ({ type: 'view'; seq: number } & ViewUpdate) | { type: 'expansion'; seq: number; zoom: number | null };

let index: ClusterIndex | null = null;
let shown = new ViewTracker();
/** The worker's global, typed by what it uses (the project's lib is the DOM's, not the worker's). */
const scope = self as unknown as {
  postMessage(r: ClusterReply): void;
  onmessage: ((e: MessageEvent<ClusterRequest>) => void) | null;
};
const reply = (r: ClusterReply) => scope.postMessage(r);

scope.onmessage = (e: MessageEvent<ClusterRequest>) => {
  const m = e.data;
  if (m.type === 'init') {
    index = new ClusterIndex(m.options);
    shown = new ViewTracker();
  } else if (!index) return;
  else if (m.type === 'load') index.load(m.points);
  else if (m.type === 'update') index.update(m.diff);
  else if (m.type === 'view') {
    reply({ type: 'view', seq: m.seq, ...shown.next(index.view(m.bbox, m.zoom)) });
  } else {
    let zoom: number | null = null;
    try {
      zoom = index.expansionZoom(m.clusterId);
    } catch {
      // A cluster of an index since rebuilt: nothing to zoom to.
    }
    reply({ type: 'expansion', seq: m.seq, zoom });
  }
};
