import { Router } from 'express';
import { z } from 'zod';
import type { Ctx } from '../../context.js';
import { IdSchema } from '../../../shared/schemas/common.js';
import {
  RequestCreateSchema,
  RequestMessageCreateSchema,
  RequestPatchSchema,
} from '../../../shared/schemas/requests.js';
import { idempotencyOf, parse, send, viewerOf } from '../../http/validate.js';
import * as requests from './requests.service.js';

const IdParams = z.strictObject({ id: IdSchema });

/** /api/requests: list, open, read (with thread), update (status, assignment), messages. */
export function requestRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get('/', async (_req, res) => send(res, 200, await requests.list(ctx, viewerOf(res))));
  r.post('/', async (req, res) => {
    const input = parse(RequestCreateSchema, req.body, 'body');
    const out = await requests.create(ctx, viewerOf(res), input, idempotencyOf(req));
    send(res, out.status, out.body);
  });
  r.get('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'params');
    send(res, 200, await requests.get(ctx, viewerOf(res), id));
  });
  r.patch('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'params');
    const input = parse(RequestPatchSchema, req.body, 'body');
    const out = await requests.patch(ctx, viewerOf(res), id, input, idempotencyOf(req));
    send(res, out.status, out.body);
  });
  r.get('/:id/messages', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'params');
    send(res, 200, await requests.messages(ctx, viewerOf(res), id));
  });
  r.post('/:id/messages', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'params');
    const { text } = parse(RequestMessageCreateSchema, req.body, 'body');
    const out = await requests.postMessage(ctx, viewerOf(res), id, text, idempotencyOf(req));
    send(res, out.status, out.body);
  });
  return r;
}
