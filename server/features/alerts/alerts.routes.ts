import { Router } from 'express';
import type { Ctx } from '../../context.js';
import { AlertCreateSchema, AlertPatchSchema } from '../../../shared/schemas/alerts.js';
import { IdParams, read, route } from '../../http/route.js';
import * as alerts from './alerts.service.js';

/** /api/alerts: list, issue, read, update (including cancel and expire through `status`). */
export function alertRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get(
    '/',
    read({}, ({ viewer }) => alerts.list(ctx, viewer)),
  );
  r.post(
    '/',
    route({ body: AlertCreateSchema }, ({ body, viewer, idem }) => alerts.create(ctx, viewer, body, idem)),
  );
  r.get(
    '/:id',
    read({ params: IdParams }, ({ params, viewer }) => alerts.get(ctx, viewer, params.id)),
  );
  r.patch(
    '/:id',
    route({ params: IdParams, body: AlertPatchSchema }, ({ params, body, viewer, idem }) =>
      alerts.patch(ctx, viewer, params.id, body, idem),
    ),
  );
  return r;
}
