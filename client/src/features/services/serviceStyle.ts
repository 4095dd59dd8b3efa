import type { ServiceStatus, ServiceType } from '../../../../shared/enums.js';

/** Availability colours, used by list, panel and map: green open, amber limited, red closed. */
export const SERVICE_STATUS_COLORS: Record<ServiceStatus, string> = {
  open: '#15803d',
  limited: '#b45309',
  closed: '#b91c1c',
  relocated: '#7e22ce',
  mobile_only: '#0369a1',
};

/**
 * A short mark per service type, drawn inside the map symbol with the bundled font (no sprite
 * server offline) and shown beside names in lists, so type reads without colour.
 */
export const SERVICE_TYPE_MARKS: Record<ServiceType, string> = {
  health_cmr: '+',
  health_srh: 'S',
  psychosocial: 'P',
  case_management: 'C',
  safe_house: 'H',
  police: 'CA',
  legal_aid: 'L',
  hotline: '☎',
  women_girls_safe_space: 'W',
  dignity_kits: 'K',
  child_protection: 'TE',
};

/** The type that names a service's symbol: clinical care first, since it is the most time-critical. */
export const TYPE_PRIORITY: readonly ServiceType[] = [
  'health_cmr',
  'safe_house',
  'health_srh',
  'psychosocial',
  'case_management',
  'hotline',
  'police',
  'legal_aid',
  'women_girls_safe_space',
  'child_protection',
  'dignity_kits',
];

/** The main type of a service, for its symbol. */
export function mainType(types: readonly ServiceType[]): ServiceType {
  return TYPE_PRIORITY.find((t) => types.includes(t)) ?? types[0] ?? 'hotline';
}
