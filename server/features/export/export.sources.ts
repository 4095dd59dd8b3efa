import type { Ctx } from '../../context.js';
import type { Viewer } from '../../auth/viewer.js';
import { keysetPages } from '../../db/records.js';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import type { ServicePoint } from '../../../shared/schemas/services.js';
import type { RiskAlert } from '../../../shared/schemas/alerts.js';
import type { IncidentCell } from '../../../shared/schemas/incidents.js';
import { shelterTable, toShelter } from '../shelters/shelters.repo.js';
import { presentShelter } from '../shelters/shelters.presenter.js';
import { repoOf } from '../services/services.service.js';
import { presentService } from '../services/services.presenter.js';
import { requestTable } from '../requests/requests.repo.js';
import { presentRequest } from '../requests/requests.presenter.js';
import { alertTable } from '../alerts/alerts.repo.js';
import { presentAlert } from '../alerts/alerts.presenter.js';
import { summaryFor } from '../incidents/incidents.service.js';
import type { RequestRow } from './export.requests.js';

/**
 * The records of each export, a page at a time, each through the same presenter as the API: a
 * page is presented and written before the next one is read, so no export holds a whole table.
 */

const PAGE = 500;

/** Shelters as the viewer sees them, by province then name. */
export async function* shelterPages(ctx: Ctx, viewer: Viewer): AsyncGenerator<Shelter[]> {
  for await (const rows of keysetPages(ctx.db, 'shelters', ['province_code', 'name', 'id'], 'ASC', PAGE))
    yield rows.map((r) => presentShelter(toShelter(r), viewer));
}

/** Services the viewer sees, as it sees them (masked safe houses, hidden positions), by province then name. */
export async function* servicePages(ctx: Ctx, viewer: Viewer): AsyncGenerator<ServicePoint[]> {
  const repo = repoOf(ctx);
  for await (const rows of keysetPages(
    ctx.db,
    'service_points',
    ['province_code', 'name', 'id'],
    'ASC',
    PAGE,
  ))
    yield rows.map((r) => presentService(repo.fromRow(r), viewer)).filter((s) => s !== null);
}

/** Requests the viewer reads, newest first, with their shelter's and service's names as it sees them. */
export async function* requestPages(ctx: Ctx, viewer: Viewer): AsyncGenerator<RequestRow[]> {
  const repo = repoOf(ctx);
  for await (const rows of keysetPages(ctx.db, 'coordination_requests', ['created_at', 'id'], 'DESC', PAGE)) {
    const page = rows.map((r) => presentRequest(requestTable.toRecord(r), viewer)).filter((r) => r !== null);
    const shelterIds = [...new Set(page.map((r) => r.shelterId).filter((id) => id !== null))];
    const serviceIds = [...new Set(page.map((r) => r.serviceId).filter((id) => id !== null))];
    const shelterNames = new Map<string, string>();
    const serviceNames = new Map<string, string>();
    for (const s of await shelterTable.getMany(ctx.db, shelterIds)) {
      const p = presentShelter(s, viewer);
      shelterNames.set(p.id, p.name);
    }
    for (const s of await repo.getMany(ctx.db, serviceIds)) {
      const p = presentService(s, viewer);
      if (p) serviceNames.set(p.id, p.name);
    }
    yield page.map((r) => ({
      ...r,
      shelterName: r.shelterId ? (shelterNames.get(r.shelterId) ?? null) : null,
      serviceName: r.serviceId ? (serviceNames.get(r.serviceId) ?? null) : null,
    }));
  }
}

/** Risk alerts, newest validity first (public to every role). */
export async function* alertPages(ctx: Ctx, viewer: Viewer): AsyncGenerator<RiskAlert[]> {
  for await (const rows of keysetPages(ctx.db, 'risk_alerts', ['valid_from', 'id'], 'DESC', PAGE))
    yield rows.map((r) => presentAlert(alertTable.toRecord(r), viewer));
}

/**
 * Released incident figures for the reader, suppressed (the summary the API serves): one cell per
 * province and month, a bounded set. By province, then month.
 */
export async function* incidentPages(ctx: Ctx, viewer: Viewer): AsyncGenerator<IncidentCell[]> {
  const s = await summaryFor(ctx.db, viewer, ctx.config.incidentRelease.delayDays);
  if (!s) return;
  yield [...s.cells].sort((a, b) =>
    a.provinceCode === b.provinceCode
      ? a.month.localeCompare(b.month)
      : a.provinceCode.localeCompare(b.provinceCode),
  );
}
