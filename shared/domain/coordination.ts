import type { REQUEST_PRIORITIES, RequestKind } from '../enums.js';

type RequestPriority = (typeof REQUEST_PRIORITIES)[number];

/**
 * The coordination mechanism (issue 13): which function of the GBV response each kind of request
 * belongs to, so a request without a recipient goes to that function's lead, and how long a
 * request may wait unacknowledged before it escalates.
 */

/** The functions of the coordination mechanism, nationally and in each province. */
export const COORDINATION_FUNCTIONS = [
  'gbv_lead',
  'clinical_care',
  'psychosocial',
  'safe_shelter',
  'police',
  'legal_aid',
  'hotline',
  'shelter_management',
  'disaster_ops',
  'child_protection',
  'dignity_kits_supply',
] as const;
/** One function of the coordination mechanism. */
export type CoordinationFunction = (typeof COORDINATION_FUNCTIONS)[number];

/** The levels a role is held at: national, or one province. */
export const ROLE_LEVELS = ['national', 'province'] as const;
/** A role's level. */
export type RoleLevel = (typeof ROLE_LEVELS)[number];

/** A role's state: on standby, or activated (a level 3+ alert covers its province, or by hand). */
export const ROLE_STATES = ['standby', 'activated'] as const;
/** A role's state. */
export type RoleState = (typeof ROLE_STATES)[number];

/** The lowest alert level that activates the roles of the provinces it covers. */
export const ACTIVATING_ALERT_LEVEL = 3;

/** Which function a request kind belongs to: its recipient when the requester names none. */
export const FUNCTION_OF_KIND: Readonly<Record<RequestKind, CoordinationFunction>> = {
  dignity_kits: 'dignity_kits_supply',
  cmr_supplies: 'clinical_care',
  mobile_clinic: 'clinical_care',
  female_staff: 'shelter_management',
  lighting: 'shelter_management',
  locks_partitions: 'shelter_management',
  latrine_separation: 'shelter_management',
  psychosocial_team: 'psychosocial',
  safe_transport: 'disaster_ops',
  safe_house_space: 'safe_shelter',
  interpreter: 'gbv_lead',
  safety_audit: 'gbv_lead',
  other: 'gbv_lead',
};

/** Hours a request of each priority may stay unacknowledged before it escalates (null: never). */
export const DEFAULT_ESCALATION_HOURS: Readonly<Record<RequestPriority, number | null>> = {
  life_saving: 4,
  urgent: 24,
  routine: null,
};

/** A role as the routing needs it. */
export interface RoleRef {
  function: CoordinationFunction;
  provinceCode: string | null;
  leadOrgId: string | null;
}

/**
 * The organisation a request of this kind in this province goes to: the province's lead of the
 * kind's function, else the national lead; null when neither exists.
 */
export function routeRequest(
  roles: readonly RoleRef[],
  kind: RequestKind,
  provinceCode: string,
): { orgId: string; level: RoleLevel } | null {
  const fn = FUNCTION_OF_KIND[kind];
  const lead = (p: string | null) =>
    roles.find((r) => r.function === fn && r.provinceCode === p && r.leadOrgId !== null)?.leadOrgId;
  const local = lead(provinceCode);
  if (local) return { orgId: local, level: 'province' };
  const national = lead(null);
  return national ? { orgId: national, level: 'national' } : null;
}

// Vietnamese mobiles: 03, 05, 07, 08 or 09 then 8 digits (or +84 without the 0). Landlines are
// 02x + 8 digits and hotlines are short (111, 113) or 1800/1900 numbers, so they pass.
const MOBILE = /^(?:0|84)[35789]\d{8}$/;

/** True when a phone number is a Vietnamese personal mobile (never a role contact). */
export function isVietnameseMobile(phone: string): boolean {
  return MOBILE.test(phone.replace(/\D/g, ''));
}

/** Months after which a role's last review counts as a gap on the matrix. */
export const REVIEW_MAX_MONTHS = 6;

/** True when the role was never reviewed or its last review is older than six months at `now`. */
export function reviewOverdue(lastReviewedAt: string | null, now: Date): boolean {
  if (!lastReviewedAt) return true;
  const limit = new Date(now);
  limit.setMonth(limit.getMonth() - REVIEW_MAX_MONTHS);
  return Date.parse(lastReviewedAt) < limit.getTime();
}
