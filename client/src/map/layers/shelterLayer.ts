import type { Feature, FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import { isShelterStale } from '../../../../shared/domain/staleness.js';
import { SHELTER_STATUSES } from '../../../../shared/enums.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { useFilterStore } from '../../app/filterStore.js';
import { openId, useNavStore } from '../../app/navStore.js';
import { matchesFilter, type ShelterFilter } from '../../features/shelters/filters.js';
import type { SheltersById } from '../../features/shelters/reconcile.js';
import { useShelterStore } from '../../features/shelters/shelterStore.js';
import { SCORE_COLORS, STATUS_COLORS } from '../../features/shelters/statusStyle.js';
import { colourMatch } from './expressions.js';
import type { LayerContext } from './registry.js';
import { redrawOn } from './redrawOn.js';
import { incrementalRedraw } from './sourceDiff.js';
import { mountClusteredSource } from './clusteredSource.js';
import { clickIsFor } from './clickTarget.js';

const SOURCE = 'shelters';
const CLUSTER_MAX_ZOOM = 7;
/** Layer ids, bottom to top. */
export const SHELTER_LAYERS = [
  'shelters-clusters',
  'shelters-cluster-count',
  'shelters-ring',
  'shelters-point',
  'shelters-selected',
] as const;

interface ShelterProps {
  id: string;
  status: Shelter['status'];
  occupancy: number;
  score: number;
  stale: boolean;
  full: number;
}

/** One shelter's point, or null when it does not pass the filters. */
export function shelterFeature(
  s: Shelter,
  filter: ShelterFilter,
  provinceCode: string | null,
  now: Date,
): Feature<Point, ShelterProps> | null {
  if (!matchesFilter(s, filter, provinceCode)) return null;
  return {
    type: 'Feature',
    id: s.id,
    geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
    properties: {
      id: s.id,
      status: s.status,
      occupancy: s.occupancy,
      score: s.safetyScore,
      stale: isShelterStale(s.lastReportedAt, now),
      full: s.status === 'full' ? 1 : 0,
    },
  };
}

/** One point per shelter that passes the filters, with what the symbols need and nothing else. */
export function toFeatures(
  byId: SheltersById,
  filter: ShelterFilter,
  provinceCode: string | null,
  now: Date,
): FeatureCollection<Point, ShelterProps> {
  const features: Feature<Point, ShelterProps>[] = [];
  for (const s of Object.values(byId)) {
    const f = shelterFeature(s, filter, provinceCode, now);
    if (f) features.push(f);
  }
  return { type: 'FeatureCollection', features };
}

const statusColor = colourMatch(
  'status',
  SHELTER_STATUSES.flatMap((s) => [s, STATUS_COLORS[s]]),
  '#64748b',
);

// Area grows with people sheltered, so a 2,000-person school reads bigger than a 50-person hall.
const radius: ExpressionSpecification = [
  'interpolate',
  ['linear'],
  ['sqrt', ['get', 'occupancy']],
  0,
  6,
  10,
  9,
  30,
  15,
  60,
  22,
];
/** The least time between two redraws of the shelter source; changes in between are batched. */
const MIN_UPDATE_INTERVAL_MS = 250;
/** Staleness moves with time: every shelter's point is rebuilt this often, other redraws send only changes. */
const FULL_REBUILD_MS = 55_000;

const faded: ExpressionSpecification = ['case', ['==', ['get', 'stale'], true], 0.35, 1];
const single: ExpressionSpecification = ['!', ['has', 'point_count']];

/**
 * Add the shelter source and layers, and keep them in step with the store: changes are batched by the
 * map's scheduler into at most one update of the cluster worker per 250 ms, which sends the map only
 * what changed in view; the map is never re-created. Returns a teardown.
 */
export function mountShelterLayer(map: MapLibreMap, ctx: LayerContext): () => void {
  const { font } = ctx;
  const data = () => {
    const { shelters, provinceCode } = useFilterStore.getState();
    return toFeatures(useShelterStore.getState().byId, shelters, provinceCode, new Date());
  };
  const selected = () => openId(useNavStore.getState().detail, 'shelter');
  // Clustered in our worker; the source holds only what is in view (clusteredSource.ts).
  const clusters = mountClusteredSource(map, SOURCE, data(), {
    radius: 40,
    maxZoom: CLUSTER_MAX_ZOOM,
    sum: ['full'],
  });
  map.addLayer({
    id: 'shelters-clusters',
    type: 'circle',
    source: SOURCE,
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': ['case', ['>', ['get', 'full'], 0], '#7f1d1d', '#0b3d5c'],
      'circle-radius': ['interpolate', ['linear'], ['get', 'point_count'], 2, 14, 20, 22, 100, 30],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: 'shelters-cluster-count',
    type: 'symbol',
    source: SOURCE,
    filter: ['has', 'point_count'],
    layout: {
      'text-field': ['get', 'point_count_abbreviated'],
      'text-font': font,
      'text-size': 14,
      'text-allow-overlap': true,
    },
    paint: { 'text-color': '#ffffff' },
  });
  map.addLayer({
    id: 'shelters-ring',
    type: 'circle',
    source: SOURCE,
    filter: single,
    paint: {
      'circle-radius': ['+', radius, 4],
      'circle-color': [
        'step',
        ['get', 'score'],
        SCORE_COLORS.poor,
        4,
        SCORE_COLORS.partial,
        7,
        SCORE_COLORS.good,
      ],
      'circle-opacity': faded,
    },
  });
  map.addLayer({
    id: 'shelters-point',
    type: 'circle',
    source: SOURCE,
    filter: single,
    paint: {
      'circle-radius': radius,
      'circle-color': statusColor,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
      'circle-opacity': faded,
      'circle-stroke-opacity': faded,
    },
  });
  map.addLayer({
    id: 'shelters-selected',
    type: 'circle',
    source: SOURCE,
    filter: ['==', ['get', 'id'], selected() ?? ''],
    paint: {
      'circle-radius': ['+', radius, 9],
      'circle-opacity': 0,
      'circle-stroke-color': '#000000',
      'circle-stroke-width': 3,
    },
  });

  // At most one update in flight and at most ~4 a second, each only the shelters that changed:
  // with thousands of shelters and a stream of changes, rebuilding the source starves the main thread.
  const redraw = incrementalRedraw({
    source: () => clusters.sink,
    read: () => {
      const { shelters, provinceCode } = useFilterStore.getState();
      return { byId: useShelterStore.getState().byId, deps: [shelters, provinceCode] };
    },
    all: data,
    toFeature: (s) => {
      const { shelters, provinceCode } = useFilterStore.getState();
      return shelterFeature(s, shelters, provinceCode, new Date());
    },
    fullEveryMs: FULL_REBUILD_MS,
    seeded: true,
  });
  // The sink's promise settles once the view shows the change, so no redraw starts before the last is drawn.
  const schedule = ctx.scheduler.add(redraw, {
    minIntervalMs: MIN_UPDATE_INTERVAL_MS,
    // Staleness moves with the clock, not only with data.
    clock: true,
  });
  const unsubRecords = redrawOn(schedule, [useShelterStore], 'shelters');
  const unsubNav = useNavStore.subscribe((s, prev) => {
    const id = openId(s.detail, 'shelter');
    if (id === openId(prev.detail, 'shelter')) return;
    map.setFilter('shelters-selected', ['==', ['get', 'id'], id ?? '']);
    const sel = id ? useShelterStore.getState().byId[id] : undefined;
    // Past the cluster zoom, so the chosen shelter and its selection ring stand on their own.
    if (sel) map.easeTo({ center: [sel.lon, sel.lat], zoom: Math.max(map.getZoom(), CLUSTER_MAX_ZOOM + 1) });
  });

  const onPoint = (e: MapLayerMouseEvent) => {
    if (!clickIsFor(map, e, ['shelters-point', 'shelters-ring'])) return;
    const id: unknown = e.features?.[0]?.properties?.['id'];
    if (typeof id === 'string') useNavStore.getState().open({ kind: 'shelter', id });
  };
  const onCluster = (e: MapLayerMouseEvent) => {
    if (!clickIsFor(map, e, ['shelters-clusters'])) return;
    const f = e.features?.[0];
    const clusterId: unknown = f?.properties?.['cluster_id'];
    if (!f || typeof clusterId !== 'number' || f.geometry.type !== 'Point') return;
    const center = f.geometry.coordinates as [number, number];
    void clusters.expansionZoom(clusterId).then((zoom) => {
      if (zoom !== null) map.easeTo({ center, zoom });
    });
  };
  const pointer = () => (map.getCanvas().style.cursor = 'pointer');
  const arrow = () => (map.getCanvas().style.cursor = '');
  map.on('click', 'shelters-point', onPoint);
  map.on('click', 'shelters-ring', onPoint);
  map.on('click', 'shelters-clusters', onCluster);
  for (const l of ['shelters-point', 'shelters-clusters'] as const) {
    map.on('mouseenter', l, pointer);
    map.on('mouseleave', l, arrow);
  }

  return () => {
    unsubRecords();
    unsubNav();
    map.off('click', 'shelters-point', onPoint);
    map.off('click', 'shelters-ring', onPoint);
    map.off('click', 'shelters-clusters', onCluster);
    clusters.dispose();
  };
}
