import type { BBox, Feature, Point } from 'geojson';
import Supercluster from 'supercluster';

/** A point to cluster: its `properties.id` is the record's id and the feature's id on the map. */
export type KeyedPoint = Feature<Point, { id: string } & Record<string, unknown>>;

/** What one view shows: points as they came in, clusters with `point_count`, `cluster_id` and the sums. */
export type ViewFeature = Feature<Point, Record<string, unknown>>;

export interface ClusterOptions {
  /** Cluster radius in pixels of a 512-pixel tile, as MapLibre's `clusterRadius`. */
  radius: number;
  /** The last zoom with clusters, as MapLibre's `clusterMaxZoom`. */
  maxZoom: number;
  /** Numeric properties summed into each cluster, as MapLibre's `clusterProperties` with `+`. */
  sum: readonly string[];
}

/** The records' changes since the last load or update, as MapLibre's `updateData` diff. */
export interface PointDiff {
  add?: readonly KeyedPoint[];
  remove?: readonly (string | number)[];
}

type Sums = Record<string, number>;

/**
 * The shelter clustering that runs in our own worker (clusters.worker.ts wraps it): it keeps the
 * points, takes their changes and answers, for a bbox and a zoom, the clusters and points there with
 * stable ids. A point keeps its place in the index's input when it changes, so a change that moves no
 * point leaves every cluster and its id as it was; the index is rebuilt lazily, once per batch.
 */
export class ClusterIndex {
  private points = new Map<string, KeyedPoint>();
  private index: Supercluster<KeyedPoint['properties'], Sums> | null = null;

  constructor(private readonly options: ClusterOptions) {}

  /** Replace every point. */
  load(points: readonly KeyedPoint[]): void {
    this.points = new Map(points.map((p) => [p.properties.id, p]));
    this.index = null;
  }

  /** Apply a diff: a point added again replaces the one with its id, in its place. */
  update(diff: PointDiff): void {
    for (const id of diff.remove ?? []) this.points.delete(String(id));
    for (const p of diff.add ?? []) this.points.set(p.properties.id, p);
    this.index = null;
  }

  get size(): number {
    return this.points.size;
  }

  /** Clusters and points within `bbox` ([west, south, east, north]) at `zoom` (floored, as tiles are). */
  view(bbox: BBox, zoom: number): ViewFeature[] {
    return this.built()
      .getClusters(bbox, zoom)
      .map((f) => {
        const props = f.properties as Record<string, unknown>;
        if (props['cluster'] !== true) return f;
        const id = `cluster-${String(props['cluster_id'])}`;
        return { ...f, id, properties: { ...props, id } };
      });
  }

  /** The zoom at which a cluster of the current index comes apart; throws for an unknown id. */
  expansionZoom(clusterId: number): number {
    return this.built().getClusterExpansionZoom(clusterId);
  }

  private built(): Supercluster<KeyedPoint['properties'], Sums> {
    if (this.index) return this.index;
    const { radius, maxZoom, sum } = this.options;
    this.index = new Supercluster<KeyedPoint['properties'], Sums>({
      radius,
      maxZoom,
      map: (p) => Object.fromEntries(sum.map((k) => [k, Number(p[k] ?? 0)])),
      reduce: (acc, p) => {
        for (const k of sum) acc[k] = (acc[k] ?? 0) + (p[k] ?? 0);
      },
    }).load([...this.points.values()]);
    return this.index;
  }
}

/** What the map's source must do to show a new view: replace everything, or add and remove a few. */
export interface ViewUpdate {
  all: boolean;
  add: ViewFeature[];
  remove: string[];
}

/**
 * Remembers the last view sent to the map and turns the next into the smallest update: the features
 * that are new or differ in anything (by id), and the ids that went. Nothing for an unchanged view, so
 * the map re-tiles only when what it shows changed, and only the tiles that hold the change.
 */
export class ViewTracker {
  private shown: Map<string, string> | null = null;

  next(features: readonly ViewFeature[]): ViewUpdate {
    const prev = this.shown;
    const now = new Map<string, string>();
    const add: ViewFeature[] = [];
    for (const f of features) {
      const id = String(f.properties['id']);
      const key = JSON.stringify(f);
      now.set(id, key);
      if (prev?.get(id) !== key) add.push(f);
    }
    this.shown = now;
    if (!prev) return { all: true, add: [...features], remove: [] };
    const remove = [...prev.keys()].filter((id) => !now.has(id));
    // A new zoom changes most features: one replacement is cheaper than a diff as long as the view.
    if (add.length + remove.length > features.length / 2)
      return { all: true, add: [...features], remove: [] };
    return { all: false, add, remove };
  }
}
