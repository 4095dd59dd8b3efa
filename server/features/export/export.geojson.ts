import type { Shelter } from '../../../shared/schemas/shelters.js';
import type { ServicePoint } from '../../../shared/schemas/services.js';
import type { Polygon, RiskAlert } from '../../../shared/schemas/alerts.js';
import { shownCommune } from './export.services.js';

/**
 * GeoJSON features (RFC 7946) of the exports, built from records already through the API's
 * presenter: `id` per feature, properties mirror the API JSON, `geometry: null` where the reader
 * sees no position, polygons wound by the right-hand rule.
 */

type Position = [number, number];
type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] };

/** One feature. */
export interface Feature {
  type: 'Feature';
  id: string;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

/** Twice the signed area of a ring in lon/lat: positive when counter-clockwise. */
function signedArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0; i < ring.length - 1; i++)
    a += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return a;
}

/** The polygon with its outline counter-clockwise and its holes clockwise (RFC 7946 3.1.6). */
export function rightHandRule(p: Polygon): Geometry {
  return {
    type: 'Polygon',
    coordinates: p.coordinates.map((ring, i) => {
      const r = ring.map(([lon, lat]) => [lon, lat] as Position);
      const ccw = signedArea(r) > 0;
      return (i === 0) === ccw ? r : r.reverse();
    }),
  };
}

/** A shelter: always a point (every role sees shelters' positions). */
export function shelterFeature(s: Shelter): Feature {
  return {
    type: 'Feature',
    id: s.id,
    geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
    properties: s,
  };
}

/** A service: a point where the reader sees one (exact, or the commune's), else null and no commune. */
export function serviceFeature(s: ServicePoint): Feature {
  const geometry: Geometry | null =
    s.lat !== null && s.lon !== null && s.positionShown !== 'hidden'
      ? { type: 'Point', coordinates: [s.lon, s.lat] }
      : null;
  return { type: 'Feature', id: s.id, geometry, properties: { ...s, communeCode: shownCommune(s) } };
}

/** An alert's features: the area (polygon or null, provinces in properties), the storm's track and position. */
export function alertFeatures(a: RiskAlert): Feature[] {
  const { polygon, storm, ...rest } = a;
  const out: Feature[] = [
    {
      type: 'Feature',
      id: a.id,
      geometry: polygon ? rightHandRule(polygon) : null,
      properties: {
        ...rest,
        feature: 'area',
        storm: storm ? { name: storm.name, position: storm.position, landfallAt: storm.landfallAt } : null,
      },
    },
  ];
  if (storm && storm.track.length >= 2)
    out.push({
      type: 'Feature',
      id: `${a.id}:track`,
      geometry: { type: 'LineString', coordinates: storm.track.map((p) => [p.lon, p.lat]) },
      properties: {
        alertId: a.id,
        feature: 'track',
        stormName: storm.name,
        points: storm.track.map((p) => ({ at: p.at, kind: p.kind, windForce: p.windForce ?? null })),
        simulated: a.simulated,
      },
    });
  if (storm?.position)
    out.push({
      type: 'Feature',
      id: `${a.id}:position`,
      geometry: { type: 'Point', coordinates: [storm.position.lon, storm.position.lat] },
      properties: {
        alertId: a.id,
        feature: 'position',
        stormName: storm.name,
        at: storm.position.at,
        simulated: a.simulated,
      },
    });
  return out;
}
