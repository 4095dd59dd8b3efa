import type { Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';

/** The layers a click acts on; one click acts on the topmost of them only. */
const CLICKABLE = ['shelters-clusters', 'shelters-point', 'shelters-ring', 'services-point'] as const;

/**
 * Whether the feature under a click that is drawn on top belongs to one of `own` layers. MapLibre calls
 * every layer's click listener whose layer has a feature under the point, so without this a click on a
 * shelter cluster also opened the service drawn beneath it.
 */
export function clickIsFor(map: MapLibreMap, e: MapLayerMouseEvent, own: readonly string[]): boolean {
  const layers = CLICKABLE.filter((id) => map.getLayer(id) !== undefined);
  const top = map.queryRenderedFeatures(e.point, { layers })[0];
  return top !== undefined && own.includes(top.layer.id);
}
