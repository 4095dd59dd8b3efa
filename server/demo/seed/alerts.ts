import type { Queryable } from '../../db/db.js';
import { recordEvent, type NewEvent } from '../../events/log.js';
import { alertTable } from '../../features/alerts/alerts.repo.js';
import { demoId } from '../ids.js';
import { ALERT_SEEDS } from '../data.js';

export const HOUR = 3_600_000;

/** Yagi's track, observed then forecast, relative to the landfall time. */
function yagiTrack(landfall: number) {
  return ALERT_SEEDS.track.map(([h, lat, lon, windForce]) => ({
    at: new Date(landfall + h * HOUR).toISOString(),
    lat,
    lon,
    kind: h <= 0 ? ('observed' as const) : ('forecast' as const),
    windForce,
  }));
}

/** Risk alerts along the storm's timeline. */
export async function seedAlerts(q: Queryable, landfall: number, now: number): Promise<NewEvent[]> {
  const iso = (t: number) => new Date(t).toISOString();
  const storm = {
    name: 'Yagi (simulated)',
    position: { lat: 21.5, lon: 105.3, at: iso(now) },
    track: yagiTrack(landfall),
    landfallAt: iso(landfall),
  };
  const at = (t: { from: 'landfall' | 'now'; hours: number }) =>
    iso((t.from === 'landfall' ? landfall : now) + t.hours * HOUR);
  const events: NewEvent[] = [];
  for (const { key, ring, storm: stormy, validFrom, validTo, ...a } of ALERT_SEEDS.alerts) {
    const fields = {
      ...a,
      polygon: ring && { type: 'Polygon' as const, coordinates: [[...ring, ring[0]!]] },
      storm: stormy ? storm : null,
      validFrom: at(validFrom),
      validTo: at(validTo),
      simulated: true,
    };
    const r = await alertTable.insert(q, fields, { userId: null, orgId: null, id: demoId(`alert:${key}`) });
    events.push(recordEvent('alert:created', r));
  }
  return events;
}
