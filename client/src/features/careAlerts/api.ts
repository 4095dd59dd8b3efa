import type { CareAlert } from '../../../../shared/schemas/careAlerts.js';
import { api, recordUrl } from '../../lib/api.js';

const one = recordUrl('/api/care-alerts');

/** Writes of the duty-of-care alerts API. */
export const careAlertApi = {
  acknowledge: (id: string, version: number) => api.post<CareAlert>(one(id, '/acknowledge'), { version }),
};
