import { Router } from 'express';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import type { Audience } from '../auth/viewer.js';
import type { SyncResult } from '../../shared/events.js';
import { LIMITS } from '../../shared/limits.js';
import { parse, send, viewerOf } from '../http/validate.js';
import { listShelters } from '../features/shelters/shelters.repo.js';
import { presentShelter } from '../features/shelters/shelters.presenter.js';
import { listOrganisations } from '../features/organisations/organisations.repo.js';
import { headSeq, readEventsAfter } from './log.js';
import { projectEvent } from './projection.js';

/** Everything the audience may see, read in one repeatable-read transaction with the seq it is current to. */
export async function snapshot(ctx: Ctx, audience: Audience) {
  return ctx.db.tx(async (q) => {
    await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const seq = await headSeq(q);
    const [shelters, organisations] = await Promise.all([listShelters(q), listOrganisations(q)]);
    return { seq, shelters: shelters.map((s) => presentShelter(s, audience)), organisations };
  });
}

/** Events after `after`, projected for the audience; `reset` when the gap is too wide to replay. */
export async function eventsAfter(ctx: Ctx, audience: Audience, after: number, limit: number = LIMITS.syncReplayMax): Promise<SyncResult> {
  const head = await headSeq(ctx.db);
  if (after > head) return { reset: true, head };
  if (head - after > LIMITS.syncReplayMax) return { reset: true, head };
  const events = await readEventsAfter(ctx.db, after, limit);
  return { reset: false, events: events.map((e) => projectEvent(e, audience)), head };
}

const EventsQuery = z.strictObject({
  after: z.coerce.number().int().min(0),
  limit: z.coerce.number().int().min(1).max(LIMITS.eventsPageMax).default(LIMITS.eventsPageMax),
});

/** GET /api/snapshot and GET /api/events. */
export function syncRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get('/snapshot', async (_req, res) => send(res, 200, await snapshot(ctx, viewerOf(res))));
  r.get('/events', async (req, res) => {
    const q = parse(EventsQuery, req.query, 'query');
    // Paged: a client far behind reads page after page (or reloads the snapshot when told to).
    const head = await headSeq(ctx.db);
    if (q.after > head) return send(res, 200, { reset: true, head });
    const events = await readEventsAfter(ctx.db, q.after, q.limit);
    send(res, 200, { reset: false, events: events.map((e) => projectEvent(e, viewerOf(res))), head });
  });
  return r;
}
