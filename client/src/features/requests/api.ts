import type {
  CoordinationRequest,
  RequestCreate,
  RequestMessage,
  RequestPatch,
} from '../../../../shared/schemas/requests.js';
import { api, recordUrl } from '../../lib/api.js';

const one = recordUrl('/api/requests');

/** Reads and writes of the coordination requests API. */
export const requestApi = {
  create: (body: RequestCreate) => api.post<CoordinationRequest>('/api/requests', body),
  patch: (id: string, body: RequestPatch) => api.patch<CoordinationRequest>(one(id), body),
  messages: (id: string) => api.get<RequestMessage[]>(one(id, '/messages')),
  addMessage: (id: string, text: string) => api.post<RequestMessage>(one(id, '/messages'), { text }),
};
