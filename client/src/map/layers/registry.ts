import type { Map as MapLibreMap } from 'maplibre-gl';
import { readsIncidents, readsRequests } from '../../../../shared/domain/permissions.js';
import type { Role } from '../../../../shared/enums.js';
import { ALERT_LAYERS, mountAlertLayer } from './alertLayer.js';
import { INCIDENT_LAYERS, mountIncidentLayer } from './incidentLayer.js';
import { mountRequestLayer, REQUEST_LAYERS } from './requestLayer.js';
import type { UpdateScheduler } from './scheduler.js';
import { mountServiceLayer, SERVICE_LAYERS } from './serviceLayer.js';
import { mountShelterLayer, SHELTER_LAYERS } from './shelterLayer.js';

/** What a layer gets when it is mounted: the label font and the map's one update scheduler. */
export interface LayerContext {
  font: string[];
  scheduler: UpdateScheduler;
}

/** The signed-in reader, as far as the map needs to know. */
export type MapCaller = { role: Role } | null;

/** One layer group of the operations map. */
export interface MapLayer {
  /** The legend's name for it, also its toggle's test id (`layer-<key>`). */
  key: 'alerts' | 'incidents' | 'shelters' | 'services' | 'requests';
  /** Its MapLibre layer ids, shown and hidden together. */
  layerIds: readonly string[];
  /**
   * Which of the two stacked maps it is drawn on (stackedMap.ts): `areas` below with the basemap,
   * for what changes seldom; `points` above, for what changes at the storm's rate and is clicked.
   */
  plane: 'areas' | 'points';
  /** Whether this reader gets the layer at all (the snapshot carries its data only for them). */
  visibleFor(caller: MapCaller): boolean;
  /** Add its sources and layers and follow the stores in place; returns a teardown. */
  mount(map: MapLibreMap, ctx: LayerContext): () => void;
}

const everyone = () => true;

/** Every layer, bottom to top: alert fills, the incident choropleth (areas); shelters, services, request badges (points). */
export const MAP_LAYERS: readonly MapLayer[] = [
  { key: 'alerts', layerIds: ALERT_LAYERS, plane: 'areas', visibleFor: everyone, mount: mountAlertLayer },
  {
    key: 'incidents',
    layerIds: INCIDENT_LAYERS,
    plane: 'areas',
    visibleFor: (c) => c !== null && readsIncidents(c),
    mount: mountIncidentLayer,
  },
  {
    key: 'shelters',
    layerIds: SHELTER_LAYERS,
    plane: 'points',
    visibleFor: everyone,
    mount: mountShelterLayer,
  },
  {
    key: 'services',
    layerIds: SERVICE_LAYERS,
    plane: 'points',
    visibleFor: everyone,
    mount: mountServiceLayer,
  },
  {
    key: 'requests',
    layerIds: REQUEST_LAYERS,
    plane: 'points',
    visibleFor: (c) => readsRequests(c ?? { role: 'viewer' }),
    mount: mountRequestLayer,
  },
];

/** The two stacked maps a layer can be drawn on, by plane, each with the font its labels use. */
export type MapPlanes = Record<MapLayer['plane'], { map: MapLibreMap; font: string[] }>;

/** Mount the layers this reader gets, each on its plane; returns one teardown for all of them. */
export function mountLayers(planes: MapPlanes, caller: MapCaller, scheduler: UpdateScheduler): () => void {
  const downs = MAP_LAYERS.filter((l) => l.visibleFor(caller)).map((l) => {
    const { map, font } = planes[l.plane];
    return l.mount(map, { font, scheduler });
  });
  return () => downs.forEach((d) => d());
}
