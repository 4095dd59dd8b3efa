import type { Domain } from '../../events/registry.js';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import { listShelters } from './shelters.repo.js';
import { presentShelter } from './shelters.presenter.js';

/** Shelters in the event stream and the snapshot. */
export const shelterDomain: Domain<Shelter> = {
  entity: 'shelter',
  present: presentShelter,
  snapshotKeys: ['shelters'],
  snapshotPart: async ({ q, audience }) => ({
    shelters: (await listShelters(q)).map((s) => presentShelter(s, audience)),
  }),
};
