import type { AdminArea } from '../../../shared/schemas/areas.js';
import type { RiskAlert } from '../../../shared/schemas/alerts.js';

/** [west, south, east, north]. */
export type Bounds = [number, number, number, number];

/**
 * The areas store gives a province's centre only: this much either side (degrees) stands in for its
 * extent, about the size of a northern province.
 */
const PROVINCE_HALF_SPAN = 0.45;

/**
 * The box holding every alert in force: its polygon where it has one, else its provinces. Null when
 * nothing is in force or no place is known, so the view stays where it is.
 */
export function alertBounds(
  inForce: readonly RiskAlert[],
  byCode: Readonly<Record<string, AdminArea>>,
): Bounds | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const take = (lon: number, lat: number, pad = 0) => {
    w = Math.min(w, lon - pad);
    e = Math.max(e, lon + pad);
    s = Math.min(s, lat - pad);
    n = Math.max(n, lat + pad);
  };
  for (const a of inForce) {
    if (a.polygon) {
      for (const ring of a.polygon.coordinates) for (const p of ring) take(p[0], p[1]);
      continue;
    }
    for (const code of a.provinceCodes) {
      const area = byCode[code];
      if (area?.lat != null && area.lon != null) take(area.lon, area.lat, PROVINCE_HALF_SPAN);
    }
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
