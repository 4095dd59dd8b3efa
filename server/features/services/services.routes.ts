import { Router } from 'express';
import { z } from 'zod';
import type { Ctx } from '../../context.js';
import { IdSchema } from '../../../shared/schemas/common.js';
import {
  AvailabilityPostSchema,
  NearestQuerySchema,
  ServiceCreateSchema,
  ServicePatchSchema,
} from '../../../shared/schemas/services.js';
import { idempotencyOf, parse, send, viewerOf } from '../../http/validate.js';
import { forbidden } from '../../http/errors.js';
import * as services from './services.service.js';
import { presentStockTotals } from './services.presenter.js';

const IdParams = z.strictObject({ id: IdSchema });

/** /api/services: list, create, read, update, availability (post and history), nearest, stock totals. */
export function serviceRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get('/', async (_req, res) => send(res, 200, await services.list(ctx, viewerOf(res))));
  r.get('/nearest', async (req, res) => {
    const q = parse(NearestQuerySchema, req.query, 'query');
    send(res, 200, await services.nearest(ctx, viewerOf(res), q));
  });
  r.get('/stock-totals', async (_req, res) => {
    const viewer = viewerOf(res);
    if (viewer.role !== 'ops_officer' && viewer.role !== 'gbv_coordinator')
      throw forbidden('Stock totals are for operations officers and GBV coordinators.');
    const all = await services.allStockTotals(ctx, ctx.db);
    send(
      res,
      200,
      all.map((t) => presentStockTotals(t, viewer)).filter((t) => t !== null),
    );
  });
  r.post('/', async (req, res) => {
    const input = parse(ServiceCreateSchema, req.body, 'body');
    const out = await services.create(ctx, viewerOf(res), input, idempotencyOf(req));
    send(res, out.status, out.body);
  });
  r.get('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'params');
    send(res, 200, await services.get(ctx, viewerOf(res), id));
  });
  r.patch('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'params');
    const input = parse(ServicePatchSchema, req.body, 'body');
    const out = await services.patch(ctx, viewerOf(res), id, input, idempotencyOf(req));
    send(res, out.status, out.body);
  });
  r.post('/:id/availability', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'params');
    const input = parse(AvailabilityPostSchema, req.body, 'body');
    const out = await services.postAvailability(ctx, viewerOf(res), id, input, idempotencyOf(req));
    send(res, out.status, out.body);
  });
  r.get('/:id/availability', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'params');
    send(res, 200, await services.history(ctx, viewerOf(res), id));
  });
  r.get('/:id/history', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'params');
    send(res, 200, await services.history(ctx, viewerOf(res), id));
  });
  return r;
}
