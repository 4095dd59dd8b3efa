import type { Queryable } from '../db/db.js';
import type { StoredService } from '../features/services/services.repo.js';
import type { ServiceVisibility } from '../features/services/services.presenter.js';
import type { StoredEvent } from './log.js';

/**
 * The current state of the records whose visibility can tighten after the fact (a service hidden
 * or turned into a safe house), so that past events are projected with it on every path.
 */
export interface CurrentStates {
  service(id: string): ServiceVisibility | undefined;
}

/** No current state known: each event is projected with its own state only. */
export const NO_CURRENT_STATES: CurrentStates = { service: () => undefined };

/** The visibility-relevant part of a stored service. */
export const serviceVisibilityOf = (s: ServiceVisibility): ServiceVisibility => ({
  types: s.types,
  locationVisibility: s.locationVisibility,
  providerOrgId: s.providerOrgId,
  provinceCode: s.provinceCode,
});

interface ServiceRow {
  id: string;
  types: StoredService['types'];
  location_visibility: StoredService['locationVisibility'];
  provider_org_id: string;
  province_code: string;
}

const SERVICE_STATE_SQL =
  'SELECT id, types, location_visibility, provider_org_id, province_code FROM service_points';

const byIdOf = (rows: readonly ServiceRow[]): Map<string, ServiceVisibility> =>
  new Map(
    rows.map((r) => [
      r.id,
      {
        types: r.types,
        locationVisibility: r.location_visibility,
        providerOrgId: r.provider_org_id,
        provinceCode: r.province_code,
      },
    ]),
  );

/** Read the current state, from the database, of every service the events touch (one query). */
export async function loadCurrentStates(
  q: Queryable,
  events: readonly Pick<StoredEvent, 'entity' | 'entityId'>[],
): Promise<CurrentStates> {
  const ids = [...new Set(events.filter((e) => e.entity === 'service').map((e) => e.entityId))];
  if (!ids.length) return NO_CURRENT_STATES;
  const { rows } = await q.query<ServiceRow>(`${SERVICE_STATE_SQL} WHERE id = ANY($1::uuid[])`, [ids]);
  const byId = byIdOf(rows);
  return { service: (id) => byId.get(id) };
}

/** Every service's current state, for a process that keeps them up to date from the event stream. */
export async function loadAllServiceStates(q: Queryable): Promise<Map<string, ServiceVisibility>> {
  const { rows } = await q.query<ServiceRow>(SERVICE_STATE_SQL);
  return byIdOf(rows);
}
