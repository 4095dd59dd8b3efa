import { columnsOf, recordTable } from '../../db/records.js';
import { GbvAlertSchema, type GbvAlert } from '../../../shared/schemas/services.js';

/** Time-critical alerts to GBV coordinators. */
export const gbvAlertTable = recordTable<GbvAlert>(
  'gbv_alerts',
  columnsOf(GbvAlertSchema, { ts: ['acknowledgedAt'] }),
);
