import { REQUEST_PRIORITIES, type RequestStatus } from '../../../shared/enums.js';
import { isAlertInForce } from '../../../shared/domain/alerts.js';
import { isStale } from '../../../shared/domain/staleness.js';
import { readsGbvAlert, readsRequests } from '../../../shared/domain/permissions.js';
import {
  HANDOVER_MAX_HOURS,
  type Handover,
  type HandoverFigures,
  type HandoverNote,
} from '../../../shared/schemas/handover.js';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import type { ServicePoint } from '../../../shared/schemas/services.js';
import type { CoordinationRequest } from '../../../shared/schemas/requests.js';
import type { RiskAlert } from '../../../shared/schemas/alerts.js';
import type { Ctx } from '../../context.js';
import type { Viewer } from '../../auth/viewer.js';
import { badField, forbidden } from '../../http/errors.js';
import { snapshot } from '../../events/snapshot.js';
import { projectEvent } from '../../events/projection.js';
import { loadCurrentStates } from '../../events/currentState.js';
import { insertNote, listNotes, requestEventsSince, seededAt, statesAt } from './handover.repo.js';

/** Shelter statuses whose people count as sheltered now (as the key figures count them). */
const SHELTERING = new Set(['open', 'full', 'closing']);
/** A service counts as down when it is closed (limited, relocated and mobile-only still serve). */
const DOWN = new Set(['closed']);
/** Requests still waiting for someone. */
const OPEN = new Set<RequestStatus>(['open', 'acknowledged', 'in_progress', 'escalated']);
const DEFAULT_SHIFT_HOURS = 12;

interface Picture {
  shelters: Shelter[];
  services: ServicePoint[];
  requests: CoordinationRequest[];
  alerts: RiskAlert[];
}

function figuresOf(p: Picture, at: Date, staleHours: Ctx['config']['staleHours']): HandoverFigures {
  const openRequests = Object.fromEntries(
    REQUEST_PRIORITIES.map((k) => [k, 0]),
  ) as HandoverFigures['openRequests'];
  for (const r of p.requests) if (OPEN.has(r.status)) openRequests[r.priority]++;
  return {
    peopleSheltered: p.shelters.reduce((n, s) => n + (SHELTERING.has(s.status) ? s.occupancy : 0), 0),
    sheltersOpen: p.shelters.filter((s) => s.status === 'open').length,
    sheltersFull: p.shelters.filter((s) => s.status === 'full').length,
    sheltersDamaged: p.shelters.filter((s) => s.status === 'damaged').length,
    sheltersStale: p.shelters.filter((s) => isStale(s.lastReportedAt, at, staleHours.shelter)).length,
    servicesDown: p.services.filter((s) => DOWN.has(s.availability.status)).length,
    openRequests,
  };
}

/** The picture as the reader may see it at `at`: each record's state then, through today's projection. */
async function pictureAt(ctx: Ctx, viewer: Viewer, at: Date): Promise<Picture> {
  const events = await statesAt(ctx.db, at);
  const current = await loadCurrentStates(ctx.db, events);
  const p: Picture = { shelters: [], services: [], requests: [], alerts: [] };
  for (const ev of events) {
    const c = projectEvent(ev, viewer, current);
    if (c.type === 'hidden') continue;
    if (ev.entity === 'shelter') p.shelters.push(c.data as Shelter);
    else if (ev.entity === 'service') p.services.push(c.data as ServicePoint);
    else if (ev.entity === 'request') p.requests.push(c.data as CoordinationRequest);
    else if (ev.entity === 'alert') p.alerts.push(c.data as RiskAlert);
  }
  return p;
}

/**
 * The start of the shift: as asked, or 12 hours ago. On a demo server not before the seed: a brief
 * against the empty picture before it would show every seeded record as this shift's movement.
 */
async function sinceOf(ctx: Ctx, raw: string | undefined, now: Date): Promise<Date> {
  let since = raw ? new Date(raw) : new Date(now.getTime() - DEFAULT_SHIFT_HOURS * 3_600_000);
  if (!raw && ctx.config.demo) {
    const seeded = await seededAt(ctx.db);
    if (seeded && seeded.getTime() > since.getTime() && seeded.getTime() <= now.getTime()) since = seeded;
  }
  if (since.getTime() > now.getTime()) throw badField('since', 'is in the future');
  if (now.getTime() - since.getTime() > HANDOVER_MAX_HOURS * 3_600_000)
    throw badField('since', `at most ${HANDOVER_MAX_HOURS / 24} days back`);
  return since;
}

/** Requests opened and moved during the shift, and those past their needed-by time. */
async function requestPart(
  ctx: Ctx,
  viewer: Viewer,
  since: Date,
  now: CoordinationRequest[],
  at: Date,
): Promise<NonNullable<Handover['requests']>> {
  const events = await requestEventsSince(ctx.db, since);
  const moved: NonNullable<Handover['requests']>['moved'] = [];
  const last = new Map<string, string>();
  for (const ev of events) {
    const c = projectEvent(ev, viewer);
    if (c.type === 'hidden') continue;
    const r = c.data as CoordinationRequest;
    const status = ev.changes?.status;
    if (ev.type === 'request:updated' && typeof status === 'string')
      moved.push({ request: r, from: last.get(r.id) ?? null, to: status, at: ev.at });
    last.set(r.id, r.status);
  }
  return {
    opened: now.filter((r) => Date.parse(r.createdAt) > since.getTime()),
    moved,
    overdue: now.filter(
      (r) => OPEN.has(r.status) && r.neededBy !== null && Date.parse(r.neededBy) < at.getTime(),
    ),
  };
}

/** The shift handover brief for the reader: what it may read, how it moved since `since`. */
export async function brief(ctx: Ctx, viewer: Viewer, sinceRaw?: string): Promise<Handover> {
  const now = new Date();
  const since = await sinceOf(ctx, sinceRaw, now);
  const snap = await snapshot(ctx, viewer);
  const picture: Picture = {
    shelters: snap.shelters,
    services: snap.services,
    requests: snap.requests,
    alerts: snap.alerts,
  };
  const past = await pictureAt(ctx, viewer, since);
  const pastAlerts = new Map(past.alerts.map((a) => [a.id, a]));
  const stale = ctx.config.staleHours;
  return {
    preparedAt: now.toISOString(),
    preparedBy: { name: viewer.displayName, org: viewer.orgName, role: viewer.role },
    since: since.toISOString(),
    figures: { now: figuresOf(picture, now, stale), since: figuresOf(past, since, stale) },
    alerts: {
      inForce: snap.alerts
        .filter((a) => isAlertInForce(a, now))
        .map((a) => {
          const before = pastAlerts.get(a.id);
          return {
            ...a,
            newSince: !before || !isAlertInForce(before, since),
            changedSince: before !== undefined && before.version !== a.version,
          };
        }),
      endedSince: snap.alerts.filter((a) => {
        const before = pastAlerts.get(a.id);
        return before !== undefined && isAlertInForce(before, since) && !isAlertInForce(a, now);
      }),
    },
    ...(readsRequests(viewer) ? { requests: await requestPart(ctx, viewer, since, snap.requests, now) } : {}),
    ...(readsGbvAlert(viewer) ? { gbvAlerts: snap.gbvAlerts.filter((g) => g.status === 'open') } : {}),
    stale: {
      shelters: snap.shelters
        .filter((s) => isStale(s.lastReportedAt, now, stale.shelter))
        .map((s) => ({ id: s.id, name: s.name, lastReportedAt: s.lastReportedAt })),
      services: snap.services
        .filter((s) => isStale(s.lastReportedAt, now, stale.service))
        .map((s) => ({ id: s.id, name: s.name, lastReportedAt: s.lastReportedAt })),
    },
    notes: await listNotes(ctx.db, viewer, since),
  };
}

/** Who keeps handover notes: every signed-in desk but the platform admin (who sees no response data) and API tokens. */
export function requireDesk(viewer: Viewer): void {
  if (viewer.role === 'admin') throw forbidden('The platform administrator has no shift brief.');
  // A brief and its notes belong to a person on shift, not to a machine client.
  if (viewer.tokenId !== undefined) throw forbidden('An API token has no shift brief; sign in.');
}

/** Keep a note for the next shift of the writer's desk. */
export function addNote(ctx: Ctx, viewer: Viewer, text: string): Promise<HandoverNote> {
  return insertNote(ctx.db, viewer, text);
}
