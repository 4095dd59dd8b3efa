import type { GeoJSONSourceDiff, Map as MapLibreMap } from 'maplibre-gl';

/** A feature for MapLibre whose id (promoted from `properties.id`) is the record's id. */
type Keyed = GeoJSON.Feature & { properties: { id: string } };

/**
 * What changed between two `byId` maps of immutable records, as a MapLibre diff: a changed record is
 * re-added (replacing its feature, or removed when it no longer shows), a gone one removed. Records are
 * compared by identity, so 5,000 unchanged shelters cost 5,000 pointer checks and no feature building.
 */
export function recordDiff<R>(
  prev: Readonly<Record<string, R>>,
  next: Readonly<Record<string, R>>,
  toFeature: (record: R) => Keyed | null,
): Required<Pick<GeoJSONSourceDiff, 'add' | 'remove'>> {
  const add: Keyed[] = [];
  const remove: string[] = [];
  for (const [id, r] of Object.entries(next)) {
    if (prev[id] === r) continue;
    const f = toFeature(r);
    if (f) add.push(f);
    else if (id in prev) remove.push(id);
  }
  for (const id of Object.keys(prev)) if (!(id in next)) remove.push(id);
  return { add, remove };
}

/** Where a layer's redraw sends its features: a MapLibre GeoJSON source, or a clustered source's sink. */
export interface FeatureSink {
  setData(data: GeoJSON.FeatureCollection): Promise<void>;
  updateData(diff: Required<Pick<GeoJSONSourceDiff, 'add' | 'remove'>>): Promise<void>;
}

/** The inputs a layer drew from last: its records and whatever else (filters) every feature depends on. */
interface Drawn<R> {
  byId: Readonly<Record<string, R>>;
  deps: readonly unknown[];
  fullAt: number;
}

/**
 * A layer's redraw through the scheduler: the whole source is rebuilt only when something every feature
 * depends on changed (a filter, or the clock for staleness every `fullEveryMs`); a change to a few
 * records sends only those (`updateData`), so the main thread never rebuilds and posts 5,000 features
 * for one shelter's new head count.
 */
export function incrementalRedraw<R>(opts: {
  source: () => FeatureSink | undefined;
  read: () => { byId: Readonly<Record<string, R>>; deps: readonly unknown[] };
  all: () => GeoJSON.FeatureCollection;
  toFeature: (record: R) => Keyed | null;
  fullEveryMs?: number;
  /** The source was just filled from the current state (addSource): the first redraw sends only changes. */
  seeded?: boolean;
  now?: () => number;
}): () => Promise<void> | undefined {
  const now = opts.now ?? (() => Date.now());
  let drawn: Drawn<R> | null = opts.seeded ? { ...opts.read(), fullAt: now() } : null;
  return () => {
    const src = opts.source();
    if (!src) return undefined;
    const { byId, deps } = opts.read();
    const t = now();
    const prev = drawn;
    const full =
      !prev ||
      prev.deps.length !== deps.length ||
      prev.deps.some((d, i) => d !== deps[i]) ||
      t - prev.fullAt >= (opts.fullEveryMs ?? Infinity);
    drawn = { byId, deps, fullAt: full ? t : prev.fullAt };
    if (full) return src.setData(opts.all());
    const diff = recordDiff(prev.byId, byId, opts.toFeature);
    if (!diff.add.length && !diff.remove.length) return undefined;
    return src.updateData(diff);
  };
}

/**
 * Resolves once the source's tiles hold its latest data (or after `timeoutMs`, so a redraw never
 * hangs). The scheduler starts no new redraw of a layer before its last one is drawn: sending updates
 * faster than the map redraws its tiles only makes it restart them, and nothing is ever drawn.
 */
export function untilSourceLoaded(map: MapLibreMap, sourceId: string, timeoutMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      map.off('sourcedata', check);
      resolve();
    };
    const check = () => {
      if (!map.getSource(sourceId) || map.isSourceLoaded(sourceId)) done();
    };
    const timer = setTimeout(done, timeoutMs);
    map.on('sourcedata', check);
  });
}
