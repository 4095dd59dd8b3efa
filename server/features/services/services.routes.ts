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
import { IdParams, read, recordRoutes, route } from '../../http/route.js';
import * as services from './services.service.js';
import { allStockTotals } from './services.stock.js';
import { presentStockTotals } from './services.presenter.js';
import { readsStockTotals } from '../../../shared/domain/permissions.js';

const mayReadStockTotals = (viewer: Viewer): void => {
  if (!readsStockTotals(viewer))
    throw forbidden('Stock totals are for operations officers and GBV coordinators.');
};

/** /api/services: list, create, read, update, availability (post and history), nearest, stock totals. */
export function serviceRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get(
    '/nearest',
    read({ query: NearestQuerySchema }, ({ query, viewer }) => services.nearest(ctx, viewer, query)),
  );
  r.get(
    '/stock-totals',
    read({ allow: mayReadStockTotals }, async ({ viewer }) =>
      (await allStockTotals(ctx, ctx.db)).map((t) => presentStockTotals(t, viewer)).filter((t) => t !== null),
    ),
  );
  // After the fixed paths above, so `/:id` does not take them.
  recordRoutes(r, ctx, services, { create: ServiceCreateSchema, patch: ServicePatchSchema });
  r.post(
    '/:id/availability',
    route({ params: IdParams, body: AvailabilityPostSchema }, ({ params, body, viewer, idem }) =>
      services.postAvailability(ctx, viewer, params.id, body, idem),
    ),
  );
  r.get(
    '/:id/availability',
    read({ params: IdParams }, ({ params, viewer }) => services.history(ctx, viewer, params.id)),
  );
  return r;
}
