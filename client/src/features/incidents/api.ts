import type { IncidentReportCreate } from '../../../../shared/schemas/incidents.js';
import { api } from '../../lib/api.js';

/** Writes of the incident reports API (aggregates only; reads come with the snapshot). */
export const incidentApi = {
  report: (body: IncidentReportCreate) => api.post<{ id: string }>('/api/incident-reports', body),
};
