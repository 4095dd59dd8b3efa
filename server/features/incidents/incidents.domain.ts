import type { Domain } from '../../events/registry.js';
import { presentIncidentCell, type ReleasedIncidentCell } from './incidents.presenter.js';
import { summaryFor } from './incidents.service.js';

/**
 * Released incident cells. Incident events never say who did them: the reporting organisation
 * and user are never shown (SPEC 2.4). The snapshot key is absent for roles that may not read them.
 */
export const incidentCellDomain: Domain<ReleasedIncidentCell> = {
  entity: 'incident-cell',
  present: presentIncidentCell,
  anonymous: true,
  snapshotKeys: ['incidents'],
  snapshotPart: async ({ ctx, q, audience }) => {
    const incidents = await summaryFor(q, audience, ctx.config.incidentRelease.delayDays);
    return incidents ? { incidents } : {};
  },
};

/** A report changes nothing any reader sees until a release (SPEC 2.4): no one, not even the reporter, gets more than the seq. */
export const incidentReportDomain: Domain<unknown> = {
  entity: 'incident-report',
  present: () => null,
  anonymous: true,
};
