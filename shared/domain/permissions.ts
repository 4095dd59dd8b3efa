import type { Role } from '../enums.js';

/**
 * The rulebook (SPEC 3): what a caller may read and write, written once. Every server check
 * (routes, services, presenters, snapshot, event projection, alert flags, nearest) and every client
 * decision (which form or button to offer) calls these pure functions; nothing restates them.
 */

/** Who is asking: everything a permission depends on. */
export interface Caller {
  role: Role;
  orgId: string;
  /** Province codes, or null for national scope. */
  scope: readonly string[] | null;
}

/** True when the caller's scope covers the province. */
export function inScope(c: Caller, provinceCode: string): boolean {
  return c.scope === null || c.scope.includes(provinceCode);
}

/** True when the caller's scope covers every one of the provinces. */
const allInScope = (c: Caller, provinceCodes: readonly string[]) => provinceCodes.every((p) => inScope(c, p));

// ---------------------------------------------------------------------------------------------
// Field groups a reader may or may not see (the rows of SPEC 3).

/** The field groups of SPEC 3, for the permission table test and for documentation. */
export const FIELD_GROUPS = [
  'alerts',
  'shelters',
  'checklist',
  'services',
  'safeHouse',
  'stock',
  'stockTotals',
  'beds',
  'incidents',
  'requests',
  'gbvAlerts',
  'audit',
] as const;
/** One field group of SPEC 3. */
export type FieldGroup = (typeof FIELD_GROUPS)[number];

/** The full GBV safety checklist (others see the score only). */
export function readsChecklist(c: Pick<Caller, 'role'>): boolean {
  return (
    c.role === 'ops_officer' ||
    c.role === 'shelter_manager' ||
    c.role === 'gbv_coordinator' ||
    c.role === 'admin'
  );
}

/** A service point as far as permissions go. */
export interface ServiceRef {
  providerOrgId: string | null;
  provinceCode: string;
  types: readonly string[];
}

/** True when the service is a safe house. */
export const isSafeHouse = (s: Pick<ServiceRef, 'types'>): boolean => s.types.includes('safe_house');

/** True when the caller sees the service at all. The admin sees no GBV data, so no safe house. */
export function readsService(c: Caller, s: ServiceRef): boolean {
  return !(isSafeHouse(s) && c.role === 'admin');
}

/**
 * True when the caller sees the service's private side: the exact position whatever its visibility,
 * a safe house's name, commune and beds, and clinical stock. GBV coordinators within scope, and the
 * provider itself (SPEC 3: "read (scope)" and "own only").
 */
export function readsServicePrivate(c: Caller, s: ServiceRef): boolean {
  if (c.role === 'gbv_coordinator') return inScope(c, s.provinceCode);
  return c.role === 'service_provider' && s.providerOrgId !== null && c.orgId === s.providerOrgId;
}

/**
 * True when the caller reads the private side of some service (its own, or one within scope): the
 * stock and bed columns of an export are offered to it. Derived from readsServicePrivate.
 */
export function readsSomeServicePrivate(c: Caller): boolean {
  return readsServicePrivate(c, { providerOrgId: c.orgId, provinceCode: c.scope?.[0] ?? '', types: [] });
}

/**
 * True when the service is shown to the caller only as "Safe house" with its province, status,
 * types and hotline: no name, commune, position, beds or provider, and in no area flag or distance.
 */
export function masksSafeHouse(c: Caller, s: ServiceRef): boolean {
  return isSafeHouse(s) && !readsServicePrivate(c, s);
}

/** Province totals of clinical stock: operations officers and GBV coordinators, within scope (without a province: at all). */
export function readsStockTotals(c: Caller, provinceCode?: string): boolean {
  if (c.role !== 'ops_officer' && c.role !== 'gbv_coordinator') return false;
  return provinceCode === undefined || inScope(c, provinceCode);
}

/** Incident aggregates: GBV coordinators and operations officers (SPEC 3); the admin sees none. */
export function readsIncidents(c: Pick<Caller, 'role'>): boolean {
  return c.role === 'gbv_coordinator' || c.role === 'ops_officer';
}

/** One province's incident aggregates: a reader of incidents with the province in scope. */
export function readsIncidentsOf(c: Caller, provinceCode: string): boolean {
  return readsIncidents(c) && inScope(c, provinceCode);
}

/** A time-critical alert goes to the GBV coordinators of its province only (SPEC 2.3); without a province: at all. */
export function readsGbvAlert(c: Caller, provinceCode?: string): boolean {
  return c.role === 'gbv_coordinator' && (provinceCode === undefined || inScope(c, provinceCode));
}

/**
 * Who reads a duty-of-care alert (issue 11): operations officers and GBV coordinators within scope;
 * a shelter manager the alerts about its own shelters. Others none: they can tell where GBV risks are.
 */
export function readsCareAlert(
  c: Caller,
  a: { provinceCode: string; subjectKind: 'shelter' | 'service'; subjectOrgId: string | null },
): boolean {
  if (!inScope(c, a.provinceCode)) return false;
  if (c.role === 'ops_officer' || c.role === 'gbv_coordinator') return true;
  return c.role === 'shelter_manager' && a.subjectKind === 'shelter' && a.subjectOrgId === c.orgId;
}

/** True when the role reads duty-of-care alerts at all (the list and its acknowledge button). */
export function readsCareAlerts(c: Pick<Caller, 'role'>): boolean {
  return c.role === 'ops_officer' || c.role === 'gbv_coordinator' || c.role === 'shelter_manager';
}

/** The incident audit log: the admin only. */
export function readsAudit(c: Pick<Caller, 'role'>): boolean {
  return c.role === 'admin';
}

/** Users and organisations are managed by the admin only. */
export function managesUsers(c: Pick<Caller, 'role'>): boolean {
  return c.role === 'admin';
}

// ---------------------------------------------------------------------------------------------
// Writes.

/** A shelter as far as permissions go. */
export interface ShelterRef {
  provinceCode: string;
  managingOrgId: string | null;
}

/** True when the caller may edit the shelter: a shelter manager its own within scope, an ops officer within scope. */
export function editsShelter(c: Caller, s: ShelterRef): boolean {
  if (!inScope(c, s.provinceCode)) return false;
  if (c.role === 'shelter_manager') return s.managingOrgId !== null && s.managingOrgId === c.orgId;
  return c.role === 'ops_officer';
}

/** True when the caller may list a new shelter; without a province, whether it may list any. */
export function createsShelter(c: Caller, provinceCode?: string): boolean {
  return c.role === 'ops_officer' && (provinceCode === undefined || inScope(c, provinceCode));
}

/**
 * True when the caller may issue or change a risk alert over these provinces: an operations
 * officer, within scope. A province-scoped officer must name provinces, all in scope; only national
 * scope may issue polygon-only alerts.
 */
export function writesAlert(c: Caller, provinceCodes: readonly string[]): boolean {
  if (c.role !== 'ops_officer') return false;
  if (c.scope === null) return true;
  return provinceCodes.length > 0 && allInScope(c, provinceCodes);
}

/** True when the caller may issue alerts at all (the button). */
export function issuesAlerts(c: Pick<Caller, 'role'>): boolean {
  return c.role === 'ops_officer';
}

/** True when the caller may list a service for this provider in this province. */
export function createsService(c: Caller, s: Pick<ServiceRef, 'providerOrgId' | 'provinceCode'>): boolean {
  if (!inScope(c, s.provinceCode)) return false;
  return c.role === 'gbv_coordinator' || (c.role === 'service_provider' && s.providerOrgId === c.orgId);
}

/** True when the caller may edit the service and post its availability: its provider, or a GBV coordinator, within scope. */
export function editsService(c: Caller, s: Pick<ServiceRef, 'providerOrgId' | 'provinceCode'>): boolean {
  if (!inScope(c, s.provinceCode)) return false;
  return c.role === 'gbv_coordinator' || (c.role === 'service_provider' && c.orgId === s.providerOrgId);
}

/** True when the caller may enter incident counts for the province (without one: at all). */
export function reportsIncidents(c: Caller, provinceCode?: string): boolean {
  return c.role === 'gbv_coordinator' && (provinceCode === undefined || inScope(c, provinceCode));
}

/** True when the caller may acknowledge a time-critical alert of the province. */
export function acknowledgesGbvAlert(c: Caller, provinceCode: string): boolean {
  return readsGbvAlert(c, provinceCode);
}

/**
 * True when the caller may import a file of this kind at all: shelters an operations officer,
 * services a GBV coordinator or a provider (each row is still checked as the API checks it).
 */
export function importsRecords(c: Caller, kind: 'shelters' | 'services'): boolean {
  return kind === 'shelters'
    ? createsShelter(c)
    : c.role === 'gbv_coordinator' || c.role === 'service_provider';
}

/** A coordination role as far as permissions go (issue 13); a national role has no province. */
export type CoordinationRoleRef = { function: string; provinceCode: string | null };

/** Everyone signed in reads the coordination mechanism: who leads what, where. */
export const readsCoordinationRoles = (_c: Pick<Caller, 'role'>): boolean => true;

/**
 * True when the caller may create or edit this coordination role: a GBV coordinator within scope,
 * an operations officer only `disaster_ops` and `shelter_management`; a national role needs national
 * scope. Without a role, whether the caller edits any (the button).
 */
export function editsCoordinationRole(c: Caller, r?: CoordinationRoleRef): boolean {
  if (c.role !== 'gbv_coordinator' && c.role !== 'ops_officer') return false;
  if (r === undefined) return true;
  if (c.role === 'ops_officer' && r.function !== 'disaster_ops' && r.function !== 'shelter_management')
    return false;
  return r.provinceCode === null ? c.scope === null : inScope(c, r.provinceCode);
}

// Request permissions live beside this file; re-exported so callers keep one import.
export * from './requestPermissions.js';
