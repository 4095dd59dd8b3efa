import type { RiskAlert } from '../../../shared/schemas/alerts.js';
import type { Organisation } from '../../../shared/schemas/auth.js';
import type { IncidentSummary } from '../../../shared/schemas/incidents.js';
import type { CoordinationRequest } from '../../../shared/schemas/requests.js';
import type { GbvAlert, ServicePoint, StockTotals } from '../../../shared/schemas/services.js';
import type { Shelter } from '../../../shared/schemas/shelters.js';

/**
 * GET /api/snapshot: everything the caller may see, current to `seq`. `stockTotals` and
 * `incidents` are absent for roles that may not read them. (The server's `inAlert` is not
 * kept: flags are worked out here from the alerts, so they follow live changes.)
 */
export interface Snapshot {
  seq: number;
  shelters: Shelter[];
  organisations: Organisation[];
  services: ServicePoint[];
  alerts: RiskAlert[];
  requests: CoordinationRequest[];
  gbvAlerts: GbvAlert[];
  stockTotals: StockTotals[] | undefined;
  incidents: IncidentSummary | undefined;
}
