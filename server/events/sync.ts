import { Router } from 'express';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import type { Audience } from '../auth/viewer.js';
import type { Snapshot, SyncResult } from '../../shared/events.js';
import { LIMITS } from '../../shared/limits.js';
import { read } from '../http/route.js';
import { listShelters } from '../features/shelters/shelters.repo.js';
import { presentShelter } from '../features/shelters/shelters.presenter.js';
import { listOrganisations } from '../features/organisations/organisations.repo.js';
import { headSeq, readEventsAfter } from './log.js';
import { gbvSnapshot } from './gbvSnapshot.js';
import { auditIncidentRead } from '../features/incidents/audit.js';
import { projectEvent } from './projection.js';
import { compactReplay } from './compact.js';
import { loadCurrentStates } from './currentState.js';

/** Everything the audience may see, read in one repeatable-read transaction with the seq it is current to. */
export async function snapshot(ctx: Ctx, audience: Audience): Promise<Snapshot> {
  return ctx.db.tx(async (q) => {
    await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const seq = await headSeq(q);
    const [shelters, organisations] = await Promise.all([listShelters(q), listOrganisations(q)]);
    const presented = shelters.map((s) => presentShelter(s, audience));
    return { seq, shelters: presented, organisations, ...(await gbvSnapshot(ctx, q, audience, presented)) };
  });
}

/** Events after `after` (a page of at most `limit`), projected for the audience; `reset` when the gap is too wide to replay. */
export async function eventsAfter(
  ctx: Ctx,
  audience: Audience,
  after: number,
  limit: number = LIMITS.syncReplayMax,
): Promise<SyncResult> {
  const head = await headSeq(ctx.db);
  if (after > head || head - after > LIMITS.syncReplayMax) return { reset: true, head };
  const events = await readEventsAfter(ctx.db, after, limit);
  const current = await loadCurrentStates(ctx.db, events);
  return {
    reset: false,
    events: compactReplay(events.map((e) => [e, projectEvent(e, audience, current)] as const)),
    head,
  };
}

const EventsQuery = z.strictObject({
  after: z.coerce.number().int().min(0),
  limit: z.coerce.number().int().min(1).max(LIMITS.eventsPageMax).default(LIMITS.eventsPageMax),
});

/** GET /api/snapshot and GET /api/events. */
export function syncRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get(
    '/snapshot',
    read({}, async ({ viewer }) => {
      const snap = await snapshot(ctx, viewer);
      // Reads of incident data are recorded (SPEC 2.7): who, when and what, never the data.
      if (snap.incidents)
        await auditIncidentRead(ctx.db, viewer, 'snapshot.incidents', {
          seq: snap.seq,
          cells: snap.incidents.cells.length,
        });
      return snap;
    }),
  );
  r.get(
    '/events',
    read({ query: EventsQuery }, async ({ query: q, viewer }): Promise<SyncResult> => {
      // Paged: a client far behind reads page after page (or reloads the snapshot when told to).
      const head = await headSeq(ctx.db);
      if (q.after > head) return { reset: true, head };
      const events = await readEventsAfter(ctx.db, q.after, q.limit);
      const current = await loadCurrentStates(ctx.db, events);
      const projected = events.map((e) => projectEvent(e, viewer, current));
      // Released cells are the only incident figures an event can carry; reading them is recorded.
      const incidentReads = projected.filter((e) => e.type === 'incident:released').length;
      if (incidentReads)
        await auditIncidentRead(ctx.db, viewer, 'events.incidents', { after: q.after, cells: incidentReads });
      return { reset: false, events: projected, head };
    }),
  );
  return r;
}
