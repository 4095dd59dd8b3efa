import type { Feature, FeatureCollection, Point } from 'geojson';
import type { AddLayerObject, ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';

/**
 * A colour picked by a feature property (or any expression of the feature): `pairs` alternate a
 * value and its colour, `fallback` colours every other value. MapLibre needs at least one pair, so
 * callers with a possibly empty list check it first.
 */
export function colourMatch(
  property: string | ExpressionSpecification,
  pairs: readonly string[],
  fallback: string,
): ExpressionSpecification {
  const input = typeof property === 'string' ? ['get', property] : property;
  // MapLibre's types cannot express a match built from a list, hence the cast.
  return ['match', input, ...pairs, fallback] as unknown as ExpressionSpecification;
}

/** A feature's `key`: its feature state when it has one (set since its data was sent), else its property. */
export const stateOr = (key: string): ExpressionSpecification => [
  'coalesce',
  ['feature-state', key],
  ['get', key],
];

/**
 * One GeoJSON point per record with a place (`at` gives [lon, lat], or null to leave it off the
 * map), keyed by the record's id so MapLibre's feature state follows it.
 */
export function pointFeatures<R extends { id: string }, P>(
  records: Iterable<R>,
  at: (r: R) => [number, number] | null,
  props: (r: R) => P,
): FeatureCollection<Point, P> {
  const features: Feature<Point, P>[] = [];
  for (const r of records) {
    const coordinates = at(r);
    if (!coordinates) continue;
    features.push({
      type: 'Feature',
      id: r.id,
      geometry: { type: 'Point', coordinates },
      properties: props(r),
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Add a layer under the first of `below` the map has (on top when it has none): layers mount in any order. */
export function addLayerBelow(map: MapLibreMap, layer: AddLayerObject, below: readonly string[]): void {
  map.addLayer(
    layer,
    below.find((id) => map.getLayer(id)),
  );
}
