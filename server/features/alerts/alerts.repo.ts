import { columnsOf, recordTable } from '../../db/records.js';
import { RiskAlertSchema, type RiskAlert } from '../../../shared/schemas/alerts.js';

/** Risk alerts. */
export const alertTable = recordTable<RiskAlert>(
  'risk_alerts',
  columnsOf(RiskAlertSchema, { json: ['polygon', 'storm'], ts: ['validFrom', 'validTo'] }),
);
