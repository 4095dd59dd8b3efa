import { Router } from 'express';
import { z } from 'zod';
import type { Ctx } from '../../context.js';
import type { SyncResult } from '../../../shared/events.js';
import { LIMITS } from '../../../shared/limits.js';
import { read } from '../../http/route.js';
import { headSeq, readEventsAfter } from '../../events/log.js';
import { snapshot } from '../../events/snapshot.js';
import { projectEvent } from '../../events/projection.js';
import { loadCurrentStates } from '../../events/currentState.js';
import { auditIncidentRead } from '../incidents/audit.js';

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
