import { Router } from 'express';
import { z } from 'zod';
import type { Ctx } from '../../context.js';
import { IdSchema } from '../../../shared/schemas/common.js';
import { ShelterCreateSchema, ShelterPatchSchema } from '../../../shared/schemas/shelters.js';
import { idempotencyOf, parse, send, viewerOf } from '../../http/validate.js';
import * as shelters from './shelters.service.js';

const IdParams = z.object({ id: IdSchema });

/** /api/shelters: list, create, read, update, history. */
export function shelterRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get('/', async (_req, res) => send(res, 200, await shelters.list(ctx, viewerOf(res))));
  r.post('/', async (req, res) => {
    const input = parse(ShelterCreateSchema, req.body, 'body');
    const out = await shelters.create(ctx, viewerOf(res), input, idempotencyOf(req));
    send(res, out.status, out.body);
  });
  r.get('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'params');
    send(res, 200, await shelters.get(ctx, viewerOf(res), id));
  });
  r.patch('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'params');
    const input = parse(ShelterPatchSchema, req.body, 'body');
    const out = await shelters.patch(ctx, viewerOf(res), id, input, idempotencyOf(req));
    send(res, out.status, out.body);
  });
  r.get('/:id/history', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'params');
    send(res, 200, await shelters.history(ctx, viewerOf(res), id));
  });
  return r;
}
