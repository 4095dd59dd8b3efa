import { recordTable } from '../../db/records.js';
import type { RiskAlert } from '../../../shared/schemas/alerts.js';

/** Risk alerts. */
export const alertTable = recordTable<RiskAlert>('risk_alerts', [
  ['hazard', 'hazard'],
  ['level', 'level'],
  ['title', 'title'],
  ['province_codes', 'provinceCodes'],
  ['commune_codes', 'communeCodes'],
  ['polygon', 'polygon', 'json'],
  ['storm', 'storm', 'json'],
  ['valid_from', 'validFrom', 'ts'],
  ['valid_to', 'validTo', 'ts'],
  ['status', 'status'],
  ['issuer', 'issuer'],
  ['bulletin_number', 'bulletinNumber'],
  ['simulated', 'simulated'],
]);
