import type { AlertCreate, AlertPatch, RiskAlert } from '../../../../shared/schemas/alerts.js';
import { api } from '../../lib/api.js';

/** Reads and writes of the risk alerts API. */
export const alertApi = {
  create: (body: AlertCreate) => api.post<RiskAlert>('/api/alerts', body),
  patch: (id: string, body: AlertPatch) =>
    api.patch<RiskAlert>(`/api/alerts/${encodeURIComponent(id)}`, body),
};
