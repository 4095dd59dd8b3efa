import { Router } from 'express';
import type { Ctx } from '../../context.js';
import { HandoverNoteCreateSchema, HandoverQuerySchema } from '../../../shared/schemas/handover.js';
import { read, route } from '../../http/route.js';
import * as handover from './handover.service.js';

/** /api/handover: the shift handover brief, and notes for the next shift. */
export function handoverRoutes(ctx: Ctx): Router {
  const r = Router();
  const allow = handover.requireDesk;
  r.get(
    '/',
    read({ allow, query: HandoverQuerySchema }, ({ query, viewer }) =>
      handover.brief(ctx, viewer, query.since),
    ),
  );
  r.post(
    '/notes',
    route({ allow, body: HandoverNoteCreateSchema }, async ({ body, viewer }) => ({
      status: 201,
      body: await handover.addNote(ctx, viewer, body.text),
    })),
  );
  return r;
}
