import type { Feature, FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

/** The values of a feature that its feature state carries (the layer's paint reads state first). */
export type StateValues = Readonly<Record<string, string | number | boolean>>;

/** How a layer's features split into what only new data can draw and what feature state can. */
export interface StatefulFeatures<P extends GeoJSON.GeoJsonProperties> {
  /** The feature's key (the source's `promoteId` property). */
  keyOf: (f: Feature<Point, P>) => string;
  /** The values feature state carries for it. */
  stateOf: (f: Feature<Point, P>) => StateValues;
  /** Everything else about two versions of a feature is the same (place, layout fields). */
  sameShape: (a: Feature<Point, P>, b: Feature<Point, P>) => boolean;
  /**
   * What a sent feature shows while it is not in `next` (hidden), when `hideable` allows it; a gone
   * feature otherwise means new data. A feature whose record may no longer be placed (deleted, or
   * its position now hidden from this reader) must leave the data, not stay in it hidden.
   */
  absent?: { state: StateValues; hideable: (f: Feature<Point, P>) => boolean };
}

/** Two versions of a point feature stand at the same place. */
export const samePlace = (a: Feature<Point>, b: Feature<Point>) =>
  a.geometry.coordinates[0] === b.geometry.coordinates[0] &&
  a.geometry.coordinates[1] === b.geometry.coordinates[1];

const equal = (a: StateValues | undefined, b: StateValues) =>
  a !== undefined && Object.keys(b).every((k) => a[k] === b[k]);

/**
 * The feature states that bring the map from what it shows to `next`, by key, or `null` when only
 * new data can (a feature added, moved, or changed in what state does not carry). `sent` is the data
 * the source holds, `drawn` the state values each of its features shows now.
 */
export function featureStateDiff<P extends GeoJSON.GeoJsonProperties>(
  spec: StatefulFeatures<P>,
  sent: ReadonlyMap<string, Feature<Point, P>>,
  drawn: ReadonlyMap<string, StateValues>,
  next: readonly Feature<Point, P>[],
): Map<string, StateValues> | null {
  const states = new Map<string, StateValues>();
  const seen = new Set<string>();
  for (const f of next) {
    const key = spec.keyOf(f);
    const was = sent.get(key);
    if (!was || !spec.sameShape(was, f)) return null;
    seen.add(key);
    const state = spec.stateOf(f);
    if (!equal(drawn.get(key), state)) states.set(key, state);
  }
  for (const [key, f] of sent) {
    if (seen.has(key)) continue;
    if (!spec.absent?.hideable(f)) return null;
    if (!equal(drawn.get(key), spec.absent.state)) states.set(key, spec.absent.state);
  }
  return states;
}

/**
 * A GeoJSON source kept in step by feature state where it can be: a change that state carries (a
 * service's status, a badge shown or not) is one repaint, where sending the data again rebuilds every
 * visible tile and repaints as each comes back (80-100 ms a frame in software WebGL). The source must
 * have been added with `data: first` and `promoteId` naming the key. `update` returns the source's
 * promise when it sent new data.
 */
export function statefulSource<P extends GeoJSON.GeoJsonProperties>(
  map: MapLibreMap,
  sourceId: string,
  first: FeatureCollection<Point, P>,
  spec: StatefulFeatures<P>,
): (next: FeatureCollection<Point, P>) => Promise<unknown> | undefined {
  let sent = new Map(first.features.map((f) => [spec.keyOf(f), f]));
  let drawn = new Map([...sent].map(([k, f]) => [k, spec.stateOf(f)]));
  /** Keys with a feature state: new data must not be overruled by an older state. */
  const stated = new Set<string>();
  const setState = (key: string, state: StateValues) => {
    map.setFeatureState({ source: sourceId, id: key }, state);
    stated.add(key);
  };
  return (next) => {
    const src = map.getSource<GeoJSONSource>(sourceId);
    if (!src) return undefined;
    const states = featureStateDiff(spec, sent, drawn, next.features);
    if (states) {
      for (const [key, state] of states) {
        setState(key, state);
        drawn.set(key, state);
      }
      return undefined;
    }
    sent = new Map(next.features.map((f) => [spec.keyOf(f), f]));
    drawn = new Map([...sent].map(([k, f]) => [k, spec.stateOf(f)]));
    // A state left from before would overrule the data sent now: bring it to the sent value, or drop it.
    for (const key of [...stated]) {
      const state = drawn.get(key);
      if (state) setState(key, state);
      else {
        map.removeFeatureState({ source: sourceId, id: key });
        stated.delete(key);
      }
    }
    return src.setData(next);
  };
}
