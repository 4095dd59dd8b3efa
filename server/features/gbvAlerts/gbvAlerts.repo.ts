import { recordTable } from '../../db/records.js';
import type { GbvAlert } from '../../../shared/schemas/services.js';

/** Time-critical alerts to GBV coordinators. */
export const gbvAlertTable = recordTable<GbvAlert>('gbv_alerts', [
  ['service_id', 'serviceId'],
  ['service_name', 'serviceName'],
  ['province_code', 'provinceCode'],
  ['reasons', 'reasons'],
  ['status', 'status'],
  ['acknowledged_at', 'acknowledgedAt', 'ts'],
  ['acknowledged_by', 'acknowledgedBy'],
  ['simulated', 'simulated'],
]);
