import type {
  Availability,
  AvailabilityPost,
  GbvAlert,
  NearestService,
  ServicePoint,
} from '../../../../shared/schemas/services.js';
import { api, recordUrl, type RequestOptions } from '../../lib/api.js';

const one = recordUrl('/api/services');
const gbvAlert = recordUrl('/api/gbv-alerts');

/** Reads and writes of the services API. */
export const serviceApi = {
  postAvailability: (id: string, body: AvailabilityPost) =>
    api.post<ServicePoint>(one(id, '/availability'), body),
  availabilityHistory: (id: string) => api.get<Availability[]>(one(id, '/availability')),
  nearest: (query: { shelterId: string; type: string; limit: number }, options?: RequestOptions) => {
    const q = new URLSearchParams({
      shelterId: query.shelterId,
      type: query.type,
      limit: String(query.limit),
    });
    return api.get<NearestService[]>(`/api/services/nearest?${q.toString()}`, options);
  },
  acknowledgeGbvAlert: (id: string, version: number) =>
    api.post<GbvAlert>(gbvAlert(id, '/acknowledge'), { version }),
};
