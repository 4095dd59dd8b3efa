import { registerDomain } from '../events/registry.js';
import { shelterDomain } from './shelters/shelters.domain.js';
import { organisationDomain } from './organisations/organisations.domain.js';
import { serviceDomain, stockTotalsDomain } from './services/services.domain.js';
import { alertDomain } from './alerts/alerts.domain.js';
import { requestDomain, requestMessageDomain } from './requests/requests.domain.js';
import { gbvAlertDomain } from './gbvAlerts/gbvAlerts.domain.js';
import { coordinationRoleDomain } from './coordinationRoles/coordinationRoles.domain.js';
import { careAlertDomain } from './careAlerts/careAlerts.domain.js';
import { incidentCellDomain, incidentReportDomain } from './incidents/incidents.domain.js';

/**
 * Every domain of the event stream and the snapshot: its presenter, current state and snapshot
 * part. A new domain is one line here (and a `<domain>.domain.ts` next to its presenter). The
 * order is the snapshot's: a part may read the parts above it (alerts flag shelters and services).
 */
export function registerDomains(): void {
  registerDomain(shelterDomain);
  registerDomain(organisationDomain);
  registerDomain(serviceDomain);
  registerDomain(alertDomain);
  registerDomain(requestDomain);
  registerDomain(requestMessageDomain);
  registerDomain(gbvAlertDomain);
  registerDomain(careAlertDomain);
  registerDomain(stockTotalsDomain);
  registerDomain(incidentCellDomain);
  registerDomain(incidentReportDomain);
  registerDomain(coordinationRoleDomain);
}
