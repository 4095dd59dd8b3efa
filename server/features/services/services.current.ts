import type { Queryable } from '../../db/db.js';
import type { CurrentStateSource } from '../../events/registry.js';
import type { StoredService } from './services.repo.js';
import type { ServiceVisibility } from './services.presenter.js';

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

// (Moved as it was from events/currentState.ts; it belongs with the services repository once that
// moves to the query builder.)
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

/** A service's current visibility, so its past events never show more than it shows now. */
export const serviceCurrentState: CurrentStateSource<StoredService, ServiceVisibility> = {
  of: serviceVisibilityOf,
  async load(q: Queryable, ids: readonly string[]) {
    const { rows } = await q.query<ServiceRow>(`${SERVICE_STATE_SQL} WHERE id = ANY($1::uuid[])`, [ids]);
    return byIdOf(rows);
  },
  async loadAll(q: Queryable) {
    const { rows } = await q.query<ServiceRow>(SERVICE_STATE_SQL);
    return byIdOf(rows);
  },
};
