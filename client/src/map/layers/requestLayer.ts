import type { Feature, FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { isOpenRequest } from '../../../../shared/domain/requestWorkflow.js';
import type { CoordinationRequest } from '../../../../shared/schemas/requests.js';
import type { ServicePoint } from '../../../../shared/schemas/services.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { useRequestStore } from '../../features/requests/requestStore.js';
import { useServiceStore } from '../../features/services/serviceStore.js';
import { useShelterStore } from '../../features/shelters/shelterStore.js';
import type { LayerContext } from './registry.js';
import { redrawOn } from './redrawOn.js';
import { PAINT_CADENCE_MS } from './scheduler.js';
import { samePlace, statefulSource, type StatefulFeatures } from './featureState.js';

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
): FeatureCollection<Point, BadgeProps> {
  const counts = new Map<string, number>();
  for (const r of Object.values(requests)) {
    if (!isOpenRequest(r.status)) continue;
    const key = r.shelterId ? `shelter:${r.shelterId}` : r.serviceId ? `service:${r.serviceId}` : null;
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const features: Feature<Point, BadgeProps>[] = [];
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

type BadgeProps = { count: number; key: string };

/**
 * A badge's feature: its place and count by data, whether it shows by feature state, so a badge that
 * closes stays in the data hidden and one that opens again at the same count is one repaint.
 */
export function badgeState(
  shelters: () => Readonly<Record<string, Shelter>>,
  services: () => Readonly<Record<string, ServicePoint>>,
): StatefulFeatures<BadgeProps> {
  /** The badge stands where its shelter or service is shown now. */
  const at = (f: Feature<Point, BadgeProps>, r: { lat: number | null; lon: number | null } | undefined) =>
    r !== undefined && r.lon === f.geometry.coordinates[0] && r.lat === f.geometry.coordinates[1];
  return {
    keyOf: (f) => f.properties.key,
    stateOf: () => ({ shown: true }),
    sameShape: (a, b) => a.properties.count === b.properties.count && samePlace(a, b),
    // A closed badge stays hidden only while its shelter or service is still shown where it was.
    absent: {
      state: { shown: false },
      hideable: (f) => {
        const [kind, id] = f.properties.key.split(':') as [string, string];
        if (kind === 'shelter') return at(f, shelters()[id]);
        const svc = services()[id];
        return svc !== undefined && svc.positionShown !== 'hidden' && at(f, svc);
      },
    },
  };
}

const shownOpacity: ExpressionSpecification = ['case', ['==', ['feature-state', 'shown'], false], 0, 1];

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
  // Keyed by what the badge belongs to, so a badge's feature state follows its shelter or service.
  map.addSource('request-badges', { type: 'geojson', data: first, promoteId: 'key' });
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
      'circle-opacity': shownOpacity,
      'circle-stroke-opacity': shownOpacity,
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
    paint: { 'text-color': '#ffffff', 'text-translate': [13, -13], 'text-opacity': shownOpacity },
  });
  // The badges follow the shelter store too, but a shelter's head count or status moves no badge:
  // nothing is sent then. A badge closed (or opened again at the count it had) is feature state.
  const update = statefulSource(
    map,
    'request-badges',
    first,
    badgeState(
      () => useShelterStore.getState().byId,
      () => useServiceStore.getState().byId,
    ),
  );
  const schedule = ctx.scheduler.add(() => update(data()), { cadenceMs: PAINT_CADENCE_MS });
  return redrawOn(schedule, [useRequestStore, useShelterStore, useServiceStore]);
}
