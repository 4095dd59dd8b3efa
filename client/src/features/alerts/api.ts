import type { AlertCreate, AlertPatch, RiskAlert } from '../../../../shared/schemas/alerts.js';
import { api, recordUrl } from '../../lib/api.js';

const one = recordUrl('/api/alerts');

/** Reads and writes of the risk alerts API. */
export const alertApi = {
  create: (body: AlertCreate) => api.post<RiskAlert>('/api/alerts', body),
  patch: (id: string, body: AlertPatch) => api.patch<RiskAlert>(one(id), body),
};
