import { COORDINATION_FUNCTIONS, reviewOverdue } from '../../../../shared/domain/coordination.js';
import type { CoordinationRole } from '../../../../shared/schemas/coordinationRoles.js';

/** One place of the matrix: the national level (code null) or a province, with its roles. */
export interface MatrixPlace {
  provinceCode: string | null;
  roles: CoordinationRole[];
  /** The organisations leading or supporting here: the matrix's columns, leads first. */
  orgIds: string[];
  /** Functions with no role here: their requests go to the national lead. */
  undefinedFunctions: string[];
}

/** What a row's cell for one organisation reads. */
export const cellOf = (r: CoordinationRole, orgId: string): 'lead' | 'support' | null =>
  r.leadOrgId === orgId ? 'lead' : r.supportOrgIds.includes(orgId) ? 'support' : null;

/** The gaps of a role: no lead, or a review older than six months. */
export function gapsOf(r: CoordinationRole, now: Date): { noLead: boolean; reviewDue: boolean } {
  return { noLead: r.leadOrgId === null, reviewDue: reviewOverdue(r.lastReviewedAt, now) };
}

/** Group the roles by place, national first then by province code, functions in the mechanism's order. */
export function matrixPlaces(roles: readonly CoordinationRole[]): MatrixPlace[] {
  const byPlace = new Map<string | null, CoordinationRole[]>();
  for (const r of roles) byPlace.set(r.provinceCode, [...(byPlace.get(r.provinceCode) ?? []), r]);
  const order = (fn: string) => COORDINATION_FUNCTIONS.indexOf(fn as (typeof COORDINATION_FUNCTIONS)[number]);
  return [...byPlace.entries()]
    .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a.localeCompare(b)))
    .map(([provinceCode, list]) => {
      const sorted = [...list].sort((a, b) => order(a.function) - order(b.function));
      const leads = sorted.flatMap((r) => (r.leadOrgId ? [r.leadOrgId] : []));
      const supports = sorted.flatMap((r) => r.supportOrgIds);
      const defined = new Set(sorted.map((r) => r.function));
      return {
        provinceCode,
        roles: sorted,
        orgIds: [...new Set([...leads, ...supports])],
        undefinedFunctions:
          provinceCode === null ? [] : COORDINATION_FUNCTIONS.filter((f) => !defined.has(f)),
      };
    });
}
