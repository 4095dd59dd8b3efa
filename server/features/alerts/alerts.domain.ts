import type { Domain } from '../../events/registry.js';
import type { RiskAlert } from '../../../shared/schemas/alerts.js';
import { alertTable } from './alerts.repo.js';
import { flagsFor, presentAlert } from './alerts.presenter.js';

/** Risk alerts, and the places they flag; registered after shelters and services, whose part it reads. */
export const alertDomain: Domain<RiskAlert> = {
  entity: 'alert',
  present: presentAlert,
  snapshotKeys: ['alerts', 'inAlert'],
  snapshotNeeds: ['shelters', 'services'],
  snapshotPart: async ({ q, audience, built }) => {
    if (!built.shelters || !built.services)
      throw new Error('the alerts part needs the shelters and services parts before it');
    const alerts = (await alertTable.list(q, 'valid_from DESC, id')).map((a) => presentAlert(a, audience));
    const now = new Date();
    // Flags use positions as the reader sees them: a hidden service is flagged by its province only.
    const inAlert = {
      shelters: flagsFor(alerts, built.shelters, now),
      services: flagsFor(alerts, built.services, now),
    };
    return { alerts, inAlert };
  },
};
