import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { ALERT_LEVEL_COLOURS } from '../../../../shared/enums.js';
import type { RiskAlert } from '../../../../shared/schemas/alerts.js';
import { useAlertStore } from '../../features/alerts/alertStore.js';
import { alertsInForce } from '../../features/alerts/inAlert.js';
import { addLayerBelow, colourMatch } from './expressions.js';
import type { LayerContext } from './registry.js';

/** Layer ids, bottom to top. `alerts-provinces` lies under the province lines; the rest above. */
export const ALERT_LAYERS = [
  'alerts-provinces',
  'alerts-provinces-line',
  'alerts-areas-fill',
  'alerts-areas-line',
  'storm-track',
  'storm-forecast',
  'storm-points',
  'storm-now',
  'storm-now-label',
] as const;

const NONE = 'rgba(0,0,0,0)';

/** The highest level of the alerts in force over each named province. */
export function provinceLevels(inForce: readonly RiskAlert[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of inForce) for (const c of a.provinceCodes) out[c] = Math.max(out[c] ?? 0, a.level);
  return out;
}

/** A fill colour per province code, in the official level colours; provinces without an alert stay clear. */
export function provinceFill(levels: Record<string, number>): ExpressionSpecification | string {
  const pairs = Object.entries(levels).flatMap(([code, level]) => [
    code,
    ALERT_LEVEL_COLOURS[level as keyof typeof ALERT_LEVEL_COLOURS],
  ]);
  return pairs.length ? colourMatch('code', pairs, NONE) : NONE;
}

interface AreaProps {
  id: string;
  level: number;
  colour: string;
}
interface StormProps {
  kind: 'observed' | 'forecast' | 'now';
  name: string;
}

/** Polygon areas of alerts in force, and storm tracks: observed and forecast lines, their points, the current position. */
export function alertFeatures(inForce: readonly RiskAlert[]): {
  areas: FeatureCollection<Geometry, AreaProps>;
  storm: FeatureCollection<Geometry, StormProps>;
} {
  const areas: Feature<Geometry, AreaProps>[] = [];
  const storm: Feature<Geometry, StormProps>[] = [];
  for (const a of inForce) {
    const colour = ALERT_LEVEL_COLOURS[a.level as keyof typeof ALERT_LEVEL_COLOURS];
    if (a.polygon)
      areas.push({
        type: 'Feature',
        geometry: {
          type: 'Polygon',
          coordinates: a.polygon.coordinates.map((r) => r.map((p) => [p[0], p[1]])),
        },
        properties: { id: a.id, level: a.level, colour },
      });
    if (!a.storm) continue;
    const name = a.storm.name;
    const track = [...a.storm.track].sort((x, y) => x.at.localeCompare(y.at));
    const observed = track.filter((p) => p.kind === 'observed').map((p) => [p.lon, p.lat]);
    const forecast = track.filter((p) => p.kind === 'forecast').map((p) => [p.lon, p.lat]);
    // The forecast line starts where the observed one ends, so the track reads as one path.
    const lastObserved = observed.at(-1);
    if (observed.length > 1)
      storm.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: observed },
        properties: { kind: 'observed', name },
      });
    const fc = lastObserved ? [lastObserved, ...forecast] : forecast;
    if (fc.length > 1)
      storm.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: fc },
        properties: { kind: 'forecast', name },
      });
    for (const p of track)
      storm.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        properties: { kind: p.kind, name },
      });
    if (a.storm.position)
      storm.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [a.storm.position.lon, a.storm.position.lat] },
        properties: { kind: 'now', name },
      });
  }
  return {
    areas: { type: 'FeatureCollection', features: areas },
    storm: { type: 'FeatureCollection', features: storm },
  };
}

/**
 * Risk alert areas in the official level colours (province fills under the outlines, polygons
 * above) and storm tracks, following the alert store in place. Returns a teardown.
 */
export function mountAlertLayer(map: MapLibreMap, ctx: LayerContext): () => void {
  const { font } = ctx;
  const compute = () => alertsInForce(useAlertStore.getState().byId, new Date());
  let inForce = compute();
  const f = alertFeatures(inForce);
  const levels = provinceFill(provinceLevels(inForce));
  addLayerBelow(
    map,
    {
      id: 'alerts-provinces',
      type: 'fill',
      source: 'provinces',
      paint: { 'fill-color': levels, 'fill-opacity': 0.55 },
    },
    ['provinces-line'],
  );
  addLayerBelow(
    map,
    {
      id: 'alerts-provinces-line',
      type: 'line',
      source: 'provinces',
      paint: { 'line-color': levels, 'line-width': 3 },
    },
    ['province-labels'],
  );
  map.addSource('alert-areas', { type: 'geojson', data: f.areas });
  map.addSource('storm', { type: 'geojson', data: f.storm });
  map.addLayer({
    id: 'alerts-areas-fill',
    type: 'fill',
    source: 'alert-areas',
    paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.25 },
  });
  map.addLayer({
    id: 'alerts-areas-line',
    type: 'line',
    source: 'alert-areas',
    paint: { 'line-color': ['get', 'colour'], 'line-width': 2.5, 'line-dasharray': [3, 2] },
  });
  map.addLayer({
    id: 'storm-track',
    type: 'line',
    source: 'storm',
    filter: ['all', ['==', ['geometry-type'], 'LineString'], ['==', ['get', 'kind'], 'observed']],
    layout: { 'line-cap': 'round' },
    paint: { 'line-color': '#7f1d1d', 'line-width': 3 },
  });
  map.addLayer({
    id: 'storm-forecast',
    type: 'line',
    source: 'storm',
    filter: ['all', ['==', ['geometry-type'], 'LineString'], ['==', ['get', 'kind'], 'forecast']],
    paint: { 'line-color': '#7f1d1d', 'line-width': 3, 'line-dasharray': [2, 1.5] },
  });
  map.addLayer({
    id: 'storm-points',
    type: 'circle',
    source: 'storm',
    filter: ['all', ['==', ['geometry-type'], 'Point'], ['!=', ['get', 'kind'], 'now']],
    paint: {
      'circle-radius': 4,
      'circle-color': ['case', ['==', ['get', 'kind'], 'forecast'], '#ffffff', '#7f1d1d'],
      'circle-stroke-color': '#7f1d1d',
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: 'storm-now',
    type: 'circle',
    source: 'storm',
    filter: ['==', ['get', 'kind'], 'now'],
    paint: {
      'circle-radius': 11,
      'circle-color': '#e63946',
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 3,
    },
  });
  map.addLayer({
    id: 'storm-now-label',
    type: 'symbol',
    source: 'storm',
    filter: ['==', ['get', 'kind'], 'now'],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': font,
      'text-size': 14,
      'text-offset': [0, 1.6],
      'text-anchor': 'top',
    },
    paint: { 'text-color': '#7f1d1d', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
  });

  const update = () => {
    inForce = compute();
    const next = alertFeatures(inForce);
    const fill = provinceFill(provinceLevels(inForce));
    map.setPaintProperty('alerts-provinces', 'fill-color', fill);
    map.setPaintProperty('alerts-provinces-line', 'line-color', fill);
    void map.getSource<GeoJSONSource>('alert-areas')?.setData(next.areas);
    void map.getSource<GeoJSONSource>('storm')?.setData(next.storm);
  };
  // Alerts come into and go out of force with the clock.
  const schedule = ctx.scheduler.add(update, { clock: true });
  return useAlertStore.subscribe((s, prev) => {
    if (s.byId !== prev.byId) schedule();
  });
}
