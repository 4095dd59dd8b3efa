import { presentAll, type Domain } from '../../events/registry.js';
import type { CoordinationRole } from '../../../shared/schemas/coordinationRoles.js';
import { listRoles } from './coordinationRoles.repo.js';
import { presentCoordinationRole } from './coordinationRoles.presenter.js';

/** The coordination mechanism: who leads which function, where. */
export const coordinationRoleDomain: Domain<CoordinationRole> = {
  entity: 'coordination-role',
  present: presentCoordinationRole,
  snapshotKeys: ['coordinationRoles'],
  snapshotPart: async ({ q, audience }) => ({
    coordinationRoles: presentAll(await listRoles(q), presentCoordinationRole, audience),
  }),
};
