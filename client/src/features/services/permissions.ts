import type { Me } from '../../../../shared/schemas/auth.js';
import type { ServicePoint } from '../../../../shared/schemas/services.js';

/**
 * Whether to offer the availability form. The server decides; this mirrors it so a form it would
 * refuse is not offered: the service's own provider, or a GBV coordinator, within scope.
 */
export function canEditService(me: Me, s: Pick<ServicePoint, 'providerOrgId' | 'provinceCode'>): boolean {
  if (me.scope !== null && !me.scope.includes(s.provinceCode)) return false;
  return me.role === 'gbv_coordinator' || (me.role === 'service_provider' && me.orgId === s.providerOrgId);
}
