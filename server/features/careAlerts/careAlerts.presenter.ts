import type { CareAlert } from '../../../shared/schemas/careAlerts.js';
import { readsCareAlert, readsServicePrivate } from '../../../shared/domain/permissions.js';
import type { Audience } from '../../auth/viewer.js';
import { MASKED_SAFE_HOUSE_NAME } from '../services/services.presenter.js';

/**
 * A duty-of-care alert as the reader may see it, or null. Pending conditions are nobody's yet. A
 * safe house is named only to those who read its private side (as presentService masks it): the
 * others see "Safe house" and its province, never its provider or who acted on the alert.
 */
export function presentCareAlert(a: CareAlert, audience: Audience): CareAlert | null {
  if (a.status === 'pending' || !readsCareAlert(audience, a)) return null;
  const ref = { providerOrgId: a.subjectOrgId, provinceCode: a.provinceCode, types: ['safe_house'] };
  if (!a.safeHouse || readsServicePrivate(audience, ref)) return { ...a, masked: false };
  // Which alert area a safe house lies in would narrow down where it is (no area flags it either).
  if (a.rule === 'unconfirmed_in_alert') return null;
  return {
    ...a,
    subjectName: MASKED_SAFE_HOUSE_NAME,
    masked: true,
    subjectOrgId: null,
    orgId: null,
    updatedBy: null,
    acknowledgedBy: null,
  };
}
