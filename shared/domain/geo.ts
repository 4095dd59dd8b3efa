/** A point as [lon, lat], the GeoJSON order. */
export type LonLat = readonly [number, number];

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres between two points given as { lat, lon }. */
export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** True when the point lies inside the ring (ray casting; points on an edge may go either way). */
export function pointInRing(p: LonLat, ring: readonly LonLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the point lies inside a GeoJSON polygon: in the outer ring and in none of its holes. */
export function pointInPolygon(p: LonLat, rings: readonly (readonly LonLat[])[]): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !pointInRing(p, outer)) return false;
  return !holes.some((h) => pointInRing(p, h));
}

/** A risk alert's affected area: province and commune codes and/or a polygon. */
export interface AlertArea {
  provinceCodes: readonly string[];
  communeCodes: readonly string[];
  polygon: { type: 'Polygon'; coordinates: readonly (readonly LonLat[])[] } | null;
}

/** A place to test against an alert area; lat/lon are null when the position is hidden from the reader. */
export interface Place {
  provinceCode: string;
  communeCode: string | null;
  lat: number | null;
  lon: number | null;
  /** A safe house shown to a reader without the right to it: it takes part in no area flag (SPEC 2.3). */
  masked?: boolean;
}

/** True when the place is inside the area: by its province or commune code, or by its position in the polygon. */
export function placeInArea(place: Place, area: AlertArea): boolean {
  if (place.masked) return false;
  if (area.provinceCodes.includes(place.provinceCode)) return true;
  if (place.communeCode && area.communeCodes.includes(place.communeCode)) return true;
  if (area.polygon && place.lat !== null && place.lon !== null)
    return pointInPolygon([place.lon, place.lat], area.polygon.coordinates);
  return false;
}
