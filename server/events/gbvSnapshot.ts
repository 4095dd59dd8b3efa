import type { Ctx } from '../context.js';
import type { Queryable } from '../db/db.js';
import type { Audience } from '../auth/viewer.js';
import type { Shelter } from '../../shared/schemas/shelters.js';
import type { Snapshot } from '../../shared/events.js';
import { repoOf as serviceRepoOf, allStockTotals } from '../features/services/services.service.js';
import { presentService, presentStockTotals } from '../features/services/services.presenter.js';
import { gbvAlertTable } from '../features/gbvAlerts/gbvAlerts.repo.js';
import { presentGbvAlert } from '../features/gbvAlerts/gbvAlerts.presenter.js';
import { alertTable } from '../features/alerts/alerts.repo.js';
import { flagsFor, presentAlert } from '../features/alerts/alerts.presenter.js';
import { requestTable } from '../features/requests/requests.repo.js';
import { presentRequest } from '../features/requests/requests.presenter.js';
import { summaryFor } from '../features/incidents/incidents.service.js';
import { readsStockTotals } from '../../shared/domain/permissions.js';

const nonNull = <T>(x: T | null): x is T => x !== null;

/**
 * The GBV response part of the snapshot, as the audience may see it: services, risk alerts, the
 * places they flag, requests, time-critical alerts, and (for roles allowed them) stock totals and
 * incident aggregates. Keys a role may not read are absent rather than empty.
 */
export async function gbvSnapshot(
  ctx: Ctx,
  q: Queryable,
  audience: Audience,
  shelters: readonly Shelter[],
): Promise<Omit<Snapshot, 'seq' | 'shelters' | 'organisations'>> {
  const services = (await serviceRepoOf(ctx).list(q)).map((s) => presentService(s, audience)).filter(nonNull);
  const alerts = (await alertTable.list(q, 'valid_from DESC, id')).map((a) => presentAlert(a, audience));
  const requests = (await requestTable.list(q, 'created_at DESC, id'))
    .map((r) => presentRequest(r, audience))
    .filter(nonNull);
  const gbvAlerts = (await gbvAlertTable.list(q, 'created_at DESC, id'))
    .map((g) => presentGbvAlert(g, audience))
    .filter(nonNull);
  const stockTotals = (await allStockTotals(ctx, q))
    .map((t) => presentStockTotals(t, audience))
    .filter(nonNull);
  const incidents = await summaryFor(q, audience, ctx.config.incidentRelease.delayDays);
  const now = new Date();
  // Flags use positions as the reader sees them: a hidden service is flagged by its province only.
  const inAlert = {
    shelters: flagsFor(alerts, shelters, now),
    services: flagsFor(alerts, services, now),
  };
  return {
    services,
    alerts,
    inAlert,
    requests,
    gbvAlerts,
    ...(readsStockTotals(audience) ? { stockTotals } : {}),
    ...(incidents ? { incidents } : {}),
  };
}
