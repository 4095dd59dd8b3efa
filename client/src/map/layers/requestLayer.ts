import type { Feature, FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { isOpenRequest } from '../../../../shared/domain/requestWorkflow.js';
import type { CoordinationRequest } from '../../../../shared/schemas/requests.js';
import type { ServicePoint } from '../../../../shared/schemas/services.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { useRequestStore } from '../../features/requests/requestStore.js';
import { useServiceStore } from '../../features/services/serviceStore.js';
import { useShelterStore } from '../../features/shelters/shelterStore.js';
import type { LayerContext } from './registry.js';
import { redrawOn } from './redrawOn.js';

/** Layer ids. */
export const REQUEST_LAYERS = ['request-badges', 'request-badge-count'] as const;

/**
 * One badge per shelter or service with open requests, at its position as the reader sees it
 * (a service without a shown position gets none). The count is the only thing drawn.
 */
export function requestBadges(
  requests: Readonly<Record<string, CoordinationRequest>>,
  shelters: Readonly<Record<string, Shelter>>,
  services: Readonly<Record<string, ServicePoint>>,
): FeatureCollection<Point, { count: number; key: string }> {
  const counts = new Map<string, number>();
  for (const r of Object.values(requests)) {
    if (!isOpenRequest(r.status)) continue;
    const key = r.shelterId ? `shelter:${r.shelterId}` : r.serviceId ? `service:${r.serviceId}` : null;
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const features: Feature<Point, { count: number; key: string }>[] = [];
  for (const [key, count] of counts) {
    const [kind, id] = key.split(':') as [string, string];
    const at = kind === 'shelter' ? shelters[id] : services[id];
    if (!at || at.lat === null || at.lon === null) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [at.lon, at.lat] },
      properties: { count, key },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Badges with the number of open requests on their shelter or service, kept in step in place. */
export function mountRequestLayer(map: MapLibreMap, ctx: LayerContext): () => void {
  const { font } = ctx;
  const data = () =>
    requestBadges(
      useRequestStore.getState().byId,
      useShelterStore.getState().byId,
      useServiceStore.getState().byId,
    );
  const first = data();
  map.addSource('request-badges', { type: 'geojson', data: first });
  // Offset up and right of the symbol it belongs to, so both stay readable.
  map.addLayer({
    id: 'request-badges',
    type: 'circle',
    source: 'request-badges',
    paint: {
      'circle-radius': 9,
      'circle-color': '#0f172a',
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
      'circle-translate': [13, -13],
    },
  });
  map.addLayer({
    id: 'request-badge-count',
    type: 'symbol',
    source: 'request-badges',
    layout: {
      'text-field': ['to-string', ['get', 'count']],
      'text-font': font,
      'text-size': 12,
      'text-allow-overlap': true,
      'text-ignore-placement': true,
    },
    paint: { 'text-color': '#ffffff', 'text-translate': [13, -13] },
  });
  // The badges follow the shelter store too, but a shelter's head count or status moves no badge: the
  // source is set only when the badges differ, or a storm of shelter changes repaints the map each frame.
  let sent = JSON.stringify(first);
  const schedule = ctx.scheduler.add(() => {
    const next = data();
    const key = JSON.stringify(next);
    if (key === sent) return undefined;
    const src = map.getSource<GeoJSONSource>('request-badges');
    if (!src) return undefined;
    sent = key;
    return src.setData(next);
  });
  return redrawOn(schedule, [useRequestStore, useShelterStore, useServiceStore]);
}
