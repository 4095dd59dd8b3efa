import type { FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import { SERVICE_STATUSES } from '../../../../shared/enums.js';
import type { ServicePoint } from '../../../../shared/schemas/services.js';
import { useFilterStore } from '../../app/filterStore.js';
import { openId, useNavStore } from '../../app/navStore.js';
import { isServiceStale, matchesServiceFilter, type ServiceFilter } from '../../features/services/filters.js';
import type { ServicesById } from '../../features/services/reconcile.js';
import { useServiceStore } from '../../features/services/serviceStore.js';
import { mainType, SERVICE_STATUS_COLORS, SERVICE_TYPE_MARKS } from '../../features/services/serviceStyle.js';
import { colourMatch, pointFeatures, stateOr } from './expressions.js';
import type { LayerContext } from './registry.js';
import { redrawOn } from './redrawOn.js';
import { clickIsFor } from './clickTarget.js';
import { samePlace, statefulSource, type StatefulFeatures } from './featureState.js';
import { PAINT_CADENCE_MS } from './scheduler.js';

const SOURCE = 'services';
/** Layer ids, bottom to top. */
export const SERVICE_LAYERS = ['services-point', 'services-mark', 'services-selected'] as const;

interface ServiceProps {
  id: string;
  status: ServicePoint['availability']['status'];
  mark: string;
  commune: boolean;
  stale: boolean;
}

/**
 * One point per service the reader may place: a hidden position is never drawn (it has none on
 * this device), a commune-only one sits on the commune's point and is drawn hollow.
 */
export function toServiceFeatures(
  byId: ServicesById,
  filter: ServiceFilter,
  provinceCode: string | null,
  now: number,
): FeatureCollection<Point, ServiceProps> {
  return pointFeatures(
    Object.values(byId),
    (s) =>
      s.lat === null ||
      s.lon === null ||
      s.positionShown === 'hidden' ||
      !matchesServiceFilter(s, filter, provinceCode)
        ? null
        : [s.lon, s.lat],
    (s) => ({
      id: s.id,
      status: s.availability.status,
      mark: SERVICE_TYPE_MARKS[mainType(s.types)],
      commune: s.positionShown === 'commune',
      stale: isServiceStale(s.lastReportedAt, now),
    }),
  );
}

// Status and staleness are read from feature state first: a change to either alone is drawn by
// setting the feature's state (one repaint), not by sending the source again (every visible tile
// rebuilt and repainted as it comes back, which software WebGL pays 80-100 ms a frame for).
const statusColor = colourMatch(
  stateOr('status'),
  SERVICE_STATUSES.flatMap((s) => [s, SERVICE_STATUS_COLORS[s]]),
  '#64748b',
);
const commune: ExpressionSpecification = ['==', ['get', 'commune'], true];
const faded: ExpressionSpecification = ['case', ['==', stateOr('stale'), true], 0.4, 1];

/** A service's feature: status and staleness by feature state, the rest (place, mark) by data. */
export const SERVICE_STATE: StatefulFeatures<ServiceProps> = {
  keyOf: (f) => f.properties.id,
  stateOf: (f) => ({ status: f.properties.status, stale: f.properties.stale }),
  sameShape: (a, b) =>
    a.properties.mark === b.properties.mark &&
    a.properties.commune === b.properties.commune &&
    samePlace(a, b),
};

/** Add the service source and layers and keep them in step with the store, in place. Returns a teardown. */
export function mountServiceLayer(map: MapLibreMap, ctx: LayerContext): () => void {
  const { font } = ctx;
  const data = () => {
    const { services, provinceCode } = useFilterStore.getState();
    return toServiceFeatures(useServiceStore.getState().byId, services, provinceCode, Date.now());
  };
  const first = data();
  // Keyed by the service id, so feature state follows the service.
  map.addSource(SOURCE, { type: 'geojson', data: first, promoteId: 'id' });
  const update = statefulSource(map, SOURCE, first, SERVICE_STATE);
  map.addLayer({
    id: 'services-point',
    type: 'circle',
    source: SOURCE,
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 9, 10, 13],
      // Commune-level points are hollow: the symbol marks an area, not a door.
      'circle-color': ['case', commune, '#ffffff', statusColor],
      'circle-stroke-color': ['case', commune, statusColor, '#ffffff'],
      'circle-stroke-width': ['case', commune, 3, 1.5],
      'circle-opacity': faded,
      'circle-stroke-opacity': faded,
    },
  });
  map.addLayer({
    id: 'services-mark',
    type: 'symbol',
    source: SOURCE,
    layout: {
      'text-field': ['get', 'mark'],
      'text-font': font,
      'text-size': ['interpolate', ['linear'], ['zoom'], 5, 10, 10, 13],
      'text-allow-overlap': true,
      'text-ignore-placement': true,
    },
    paint: { 'text-color': ['case', commune, statusColor, '#ffffff'] },
  });
  map.addLayer({
    id: 'services-selected',
    type: 'circle',
    source: SOURCE,
    filter: ['==', ['get', 'id'], ''],
    paint: {
      'circle-radius': 18,
      'circle-opacity': 0,
      'circle-stroke-color': '#000000',
      'circle-stroke-width': 3,
    },
  });

  const schedule = ctx.scheduler.add(() => update(data()), {
    clock: true,
    cadenceMs: PAINT_CADENCE_MS,
  });
  const unsubRecords = redrawOn(schedule, [useServiceStore], 'services');
  const unsubNav = useNavStore.subscribe((s, prev) => {
    if (s.detail === prev.detail) return;
    const id = openId(s.detail, 'service') ?? '';
    map.setFilter('services-selected', ['==', ['get', 'id'], id]);
    const svc = id ? useServiceStore.getState().byId[id] : undefined;
    if (svc && svc.lat !== null && svc.lon !== null)
      map.easeTo({ center: [svc.lon, svc.lat], zoom: Math.max(map.getZoom(), 8) });
  });
  const onClick = (e: MapLayerMouseEvent) => {
    if (!clickIsFor(map, e, ['services-point'])) return;
    const id: unknown = e.features?.[0]?.properties?.['id'];
    if (typeof id === 'string') useNavStore.getState().open({ kind: 'service', id });
  };
  const pointer = () => (map.getCanvas().style.cursor = 'pointer');
  const arrow = () => (map.getCanvas().style.cursor = '');
  map.on('click', 'services-point', onClick);
  map.on('mouseenter', 'services-point', pointer);
  map.on('mouseleave', 'services-point', arrow);
  return () => {
    unsubRecords();
    unsubNav();
    map.off('click', 'services-point', onClick);
  };
}
