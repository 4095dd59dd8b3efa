import { Router } from 'express';
import { z } from 'zod';
import type { Ctx } from '../../context.js';
import { IdSchema } from '../../../shared/schemas/common.js';
import { AlertCreateSchema, AlertPatchSchema } from '../../../shared/schemas/alerts.js';
import { idempotencyOf, parse, send, viewerOf } from '../../http/validate.js';
import * as alerts from './alerts.service.js';

const IdParams = z.strictObject({ id: IdSchema });

/** /api/alerts: list, issue, read, update (including cancel and expire through `status`). */
export function alertRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get('/', async (_req, res) => send(res, 200, await alerts.list(ctx, viewerOf(res))));
  r.post('/', async (req, res) => {
    const input = parse(AlertCreateSchema, req.body, 'body');
    const out = await alerts.create(ctx, viewerOf(res), input, idempotencyOf(req));
    send(res, out.status, out.body);
  });
  r.get('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'params');
    send(res, 200, await alerts.get(ctx, viewerOf(res), id));
  });
  r.patch('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'params');
    const input = parse(AlertPatchSchema, req.body, 'body');
    const out = await alerts.patch(ctx, viewerOf(res), id, input, idempotencyOf(req));
    send(res, out.status, out.body);
  });
  return r;
}
