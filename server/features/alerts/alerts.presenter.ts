import type { RiskAlert } from '../../../shared/schemas/alerts.js';
import type { Audience } from '../../auth/viewer.js';
import { isAlertInForce } from '../../../shared/schemas/alerts.js';
import { placeInArea, type Place } from '../../../shared/domain/geo.js';

/** Risk alerts are public to every role (SPEC 3). */
export function presentAlert(a: RiskAlert, _audience: Audience): RiskAlert {
  return a;
}

/**
 * Ids of the places inside any alert in force, with the alerts that flag them. Computed on places
 * as the reader sees them, so a hidden position is never tested against a polygon.
 */
export function flagsFor(
  alerts: readonly RiskAlert[],
  places: readonly (Place & { id: string })[],
  now: Date,
): Record<string, string[]> {
  const inForce = alerts.filter((a) => isAlertInForce(a, now));
  const out: Record<string, string[]> = {};
  for (const p of places) {
    const ids = inForce.filter((a) => placeInArea(p, a)).map((a) => a.id);
    if (ids.length) out[p.id] = ids;
  }
  return out;
}
