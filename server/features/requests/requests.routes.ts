import { Router } from 'express';
import type { Ctx } from '../../context.js';
import {
  RequestCreateSchema,
  RequestMessageCreateSchema,
  RequestPatchSchema,
} from '../../../shared/schemas/requests.js';
import { IdParams, read, recordRoutes, route } from '../../http/route.js';
import * as requests from './requests.service.js';

/** /api/requests: list, open, read (with thread), update (status, assignment), messages. */
export function requestRoutes(ctx: Ctx): Router {
  const r = Router();
  recordRoutes(r, ctx, requests, { create: RequestCreateSchema, patch: RequestPatchSchema });
  r.get(
    '/:id/messages',
    read({ params: IdParams }, ({ params, viewer }) => requests.messages(ctx, viewer, params.id)),
  );
  r.post(
    '/:id/messages',
    route({ params: IdParams, body: RequestMessageCreateSchema }, ({ params, body, viewer, idem }) =>
      requests.postMessage(ctx, viewer, params.id, body.text, idem),
    ),
  );
  return r;
}
