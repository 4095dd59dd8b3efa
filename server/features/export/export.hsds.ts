import { z } from 'zod';
import type { ServicePoint } from '../../../shared/schemas/services.js';
import type { Organisation } from '../../../shared/schemas/auth.js';
import { isSafeHouse } from '../../../shared/domain/permissions.js';
import { stableId } from '../../db/records.js';
import type { AreaIndex } from '../areas/areas.data.js';
import { MASKED_SAFE_HOUSE_NAME } from '../services/services.presenter.js';
import { EXPORT_LANGS } from './export.columns.js';

/**
 * The referral pathway as an Open Referral HSDS 3.0 directory (the mapping of the standards README,
 * "Open Referral HSDS"). It starts from services as the caller may read them (the services
 * presenter) and is stricter still, since a directory travels further than the API: a safe house or
 * a hidden service has no location, no address and no commune, only its province as service area
 * and its hotline; a safe house is "Safe house" with no provider. Stock and beds are never in it.
 */

/** Query of GET /api/export/hsds/services.json: the HSDS API's paging, and the language of area names. */
export const HsdsQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(500).default(100),
  lang: z.enum(EXPORT_LANGS).default('vi'),
});
/** Query of the HSDS export. */
export type HsdsQuery = z.infer<typeof HsdsQuerySchema>;

/** Where the HSDS service needs names from. */
export interface HsdsContext {
  areas: AreaIndex;
  orgs: ReadonlyMap<string, Organisation>;
  lang: 'vi' | 'en';
}

const TAXONOMY = 'safe-haven-ops/service-types';
/** Nested HSDS objects need uuids: derived from the service id and the field, so they stay stable. */
const uid = (s: ServicePoint, field: string) => stableId(`hsds:${s.id}:${field}`);

function scheduleOf(s: ServicePoint) {
  if (s.open24h)
    return [
      {
        id: uid(s, 'schedule'),
        service_id: s.id,
        freq: 'WEEKLY',
        byday: 'MO,TU,WE,TH,FR,SA,SU',
        opens_at: '00:00+07:00',
        closes_at: '23:59+07:00',
        description: '24/7',
      },
    ];
  return s.hours ? [{ id: uid(s, 'schedule'), service_id: s.id, description: s.hours }] : [];
}

function alertOf(s: ServicePoint): string | undefined {
  const av = s.availability;
  const parts = [
    ...(av.status === 'open' ? [] : [av.status]),
    ...av.reasons,
    ...(av.expectedRestoreAt ? [`expected back ${av.expectedRestoreAt}`] : []),
  ];
  return parts.length ? parts.join('; ') : undefined;
}

/** One service point (already presented for the caller) as an HSDS 3.0 service. */
export function hsdsService(s: ServicePoint, x: HsdsContext) {
  const safeHouse = isSafeHouse(s);
  const hidden = safeHouse || s.locationVisibility === 'hidden';
  const name = (a: { nameVi: string; nameEn: string }) => (x.lang === 'vi' ? a.nameVi : a.nameEn);
  const province = x.areas.province(s.provinceCode);
  const commune = !hidden && s.communeCode ? x.areas.commune(s.communeCode) : undefined;
  const org = !safeHouse && s.providerOrgId ? x.orgs.get(s.providerOrgId) : undefined;
  const location = (() => {
    if (hidden || s.positionShown === 'hidden') return null;
    const base = {
      id: uid(s, 'location'),
      location_type: 'physical',
      ...(commune ? { name: name(commune) } : {}),
      ...(s.communeCode
        ? { external_identifier: s.communeCode, external_identifier_type: 'vn-commune-2025' }
        : {}),
    };
    // A commune-level point is the commune, never a point inside it.
    if (s.locationVisibility === 'exact' && s.positionShown === 'exact' && s.lat !== null && s.lon !== null)
      return { ...base, latitude: s.lat, longitude: s.lon };
    return base;
  })();
  return {
    id: s.id,
    name: safeHouse ? MASKED_SAFE_HOUSE_NAME : s.name,
    status: s.availability.status === 'closed' ? 'temporarily closed' : 'active',
    ...(alertOf(s) ? { alert: alertOf(s) } : {}),
    application_process: hidden ? 'case_manager' : s.referral,
    fees_description: s.cost,
    last_modified: s.updatedAt,
    ...(org
      ? { organization_id: org.id, organization: { id: org.id, name: org.name, description: org.kind } }
      : {}),
    phones: s.contactPhone
      ? [{ id: uid(s, 'phone'), service_id: s.id, number: s.contactPhone, type: 'voice' }]
      : [],
    schedules: scheduleOf(s),
    languages: s.languages.map((l, i) => ({
      id: uid(s, `language:${i}`),
      service_id: s.id,
      ...(/^[a-z]{2,3}$/.test(l) ? { code: l } : { name: l }),
    })),
    service_areas: [
      {
        id: uid(s, 'area:province'),
        service_id: s.id,
        name: province ? name(province) : s.provinceCode,
        uri: `urn:vn-admin-2025:province:${s.provinceCode}`,
      },
    ],
    service_at_locations: location ? [{ id: uid(s, 'service_at_location'), service_id: s.id, location }] : [],
    attributes: [
      ...s.types.map((t) => ({
        id: uid(s, `attribute:type:${t}`),
        link_id: s.id,
        link_type: 'service_type',
        link_entity: 'service',
        taxonomy_term: {
          id: stableId(`hsds:term:${t}`),
          code: t,
          name: t,
          description: `Safe Haven Ops service type ${t} (HSDS ships no GBV taxonomy)`,
          taxonomy: TAXONOMY,
        },
      })),
      {
        id: uid(s, 'attribute:availability'),
        link_id: s.id,
        link_type: 'availability',
        link_entity: 'service',
        value: s.availability.status,
      },
    ],
  };
}

/** One page of the HSDS API (`GET /services`). */
export function hsdsPage<T>(all: readonly T[], q: Pick<HsdsQuery, 'page' | 'per_page'>) {
  const totalPages = Math.max(1, Math.ceil(all.length / q.per_page));
  const contents = all.slice((q.page - 1) * q.per_page, q.page * q.per_page);
  return {
    total_items: all.length,
    total_pages: totalPages,
    page_number: q.page,
    size: contents.length,
    first_page: q.page === 1,
    last_page: q.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
