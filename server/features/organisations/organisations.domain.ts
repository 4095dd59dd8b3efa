import type { Domain } from '../../events/registry.js';
import type { Organisation } from '../../../shared/schemas/auth.js';
import { listOrganisations } from './organisations.repo.js';
import { presentOrganisation } from './organisations.presenter.js';

/** Organisations in the event stream and the snapshot (public to every role). */
export const organisationDomain: Domain<Organisation> = {
  entity: 'organisation',
  present: presentOrganisation,
  snapshotKeys: ['organisations'],
  snapshotPart: async ({ q }) => ({ organisations: await listOrganisations(q) }),
};
