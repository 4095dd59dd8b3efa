import { presentAll, type Domain } from '../../events/registry.js';
import type { CoordinationRequest, RequestMessageAdded } from '../../../shared/schemas/requests.js';
import { requestTable } from './requests.repo.js';
import { presentRequest, presentRequestMessage } from './requests.presenter.js';

/** Coordination requests. */
export const requestDomain: Domain<CoordinationRequest> = {
  entity: 'request',
  present: presentRequest,
  snapshotKeys: ['requests'],
  snapshotPart: async ({ q, audience }) => ({
    requests: presentAll(await requestTable.list(q, 'created_at DESC, id'), presentRequest, audience),
  }),
};

/** Messages on a request's thread (not in the snapshot: the request's page reads them). */
export const requestMessageDomain: Domain<RequestMessageAdded> = {
  entity: 'request-message',
  present: presentRequestMessage,
};
