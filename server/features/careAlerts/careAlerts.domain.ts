import { presentAll, type Domain } from '../../events/registry.js';
import type { CareAlert } from '../../../shared/schemas/careAlerts.js';
import { readsCareAlerts } from '../../../shared/domain/permissions.js';
import { listShown } from './careAlerts.repo.js';
import { presentCareAlert } from './careAlerts.presenter.js';

/** Duty-of-care alerts: raised, acknowledged and cleared; a masked safe house's never say who acted. */
export const careAlertDomain: Domain<CareAlert> = {
  entity: 'care-alert',
  present: presentCareAlert,
  anonymous: (shown) => (shown as CareAlert).masked,
  snapshotKeys: ['careAlerts'],
  snapshotPart: async ({ q, audience }) =>
    readsCareAlerts(audience)
      ? { careAlerts: presentAll(await listShown(q), presentCareAlert, audience) }
      : {},
};
