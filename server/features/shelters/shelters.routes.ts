import { Router } from 'express';
import type { Ctx } from '../../context.js';
import { ShelterCreateSchema, ShelterPatchSchema } from '../../../shared/schemas/shelters.js';
import { IdParams, read, route } from '../../http/route.js';
import * as shelters from './shelters.service.js';

/** /api/shelters: list, create, read, update, history. */
export function shelterRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get(
    '/',
    read({}, ({ viewer }) => shelters.list(ctx, viewer)),
  );
  r.post(
    '/',
    route({ body: ShelterCreateSchema }, ({ body, viewer, idem }) =>
      shelters.create(ctx, viewer, body, idem),
    ),
  );
  r.get(
    '/:id',
    read({ params: IdParams }, ({ params, viewer }) => shelters.get(ctx, viewer, params.id)),
  );
  r.patch(
    '/:id',
    route({ params: IdParams, body: ShelterPatchSchema }, ({ params, body, viewer, idem }) =>
      shelters.patch(ctx, viewer, params.id, body, idem),
    ),
  );
  r.get(
    '/:id/history',
    read({ params: IdParams }, ({ params, viewer }) => shelters.history(ctx, viewer, params.id)),
  );
  return r;
}
