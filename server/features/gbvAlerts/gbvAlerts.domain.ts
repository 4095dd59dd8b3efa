import { presentAll, type Domain } from '../../events/registry.js';
import type { GbvAlert } from '../../../shared/schemas/services.js';
import { gbvAlertTable } from './gbvAlerts.repo.js';
import { presentGbvAlert } from './gbvAlerts.presenter.js';

/** Time-critical GBV alerts. */
export const gbvAlertDomain: Domain<GbvAlert> = {
  entity: 'gbv-alert',
  present: presentGbvAlert,
  snapshotKeys: ['gbvAlerts'],
  snapshotPart: async ({ q, audience }) => ({
    gbvAlerts: presentAll(await gbvAlertTable.list(q, 'created_at DESC, id'), presentGbvAlert, audience),
  }),
};
