import { Router } from 'express';
import type { Ctx } from '../../context.js';
import {
  AvailabilityPostSchema,
  NearestQuerySchema,
  ServiceCreateSchema,
  ServicePatchSchema,
} from '../../../shared/schemas/services.js';
import type { Viewer } from '../../auth/viewer.js';
import { forbidden } from '../../http/errors.js';
import { IdParams, read, route } from '../../http/route.js';
import * as services from './services.service.js';
import { presentStockTotals } from './services.presenter.js';

const readsStockTotals = (viewer: Viewer): void => {
  if (viewer.role !== 'ops_officer' && viewer.role !== 'gbv_coordinator')
    throw forbidden('Stock totals are for operations officers and GBV coordinators.');
};

/** /api/services: list, create, read, update, availability (post and history), nearest, stock totals. */
export function serviceRoutes(ctx: Ctx): Router {
  const r = Router();
  const history = read({ params: IdParams }, ({ params, viewer }) =>
    services.history(ctx, viewer, params.id),
  );
  r.get(
    '/',
    read({}, ({ viewer }) => services.list(ctx, viewer)),
  );
  r.get(
    '/nearest',
    read({ query: NearestQuerySchema }, ({ query, viewer }) => services.nearest(ctx, viewer, query)),
  );
  r.get(
    '/stock-totals',
    read({ allow: readsStockTotals }, async ({ viewer }) =>
      (await services.allStockTotals(ctx, ctx.db))
        .map((t) => presentStockTotals(t, viewer))
        .filter((t) => t !== null),
    ),
  );
  r.post(
    '/',
    route({ body: ServiceCreateSchema }, ({ body, viewer, idem }) =>
      services.create(ctx, viewer, body, idem),
    ),
  );
  r.get(
    '/:id',
    read({ params: IdParams }, ({ params, viewer }) => services.get(ctx, viewer, params.id)),
  );
  r.patch(
    '/:id',
    route({ params: IdParams, body: ServicePatchSchema }, ({ params, body, viewer, idem }) =>
      services.patch(ctx, viewer, params.id, body, idem),
    ),
  );
  r.post(
    '/:id/availability',
    route({ params: IdParams, body: AvailabilityPostSchema }, ({ params, body, viewer, idem }) =>
      services.postAvailability(ctx, viewer, params.id, body, idem),
    ),
  );
  r.get('/:id/availability', history);
  r.get('/:id/history', history);
  return r;
}
