import { Router } from 'express';
import type { Ctx } from '../../context.js';
import {
  RequestCreateSchema,
  RequestMessageCreateSchema,
  RequestPatchSchema,
} from '../../../shared/schemas/requests.js';
import { IdParams, read, route } from '../../http/route.js';
import * as requests from './requests.service.js';

/** /api/requests: list, open, read (with thread), update (status, assignment), messages. */
export function requestRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get(
    '/',
    read({}, ({ viewer }) => requests.list(ctx, viewer)),
  );
  r.post(
    '/',
    route({ body: RequestCreateSchema }, ({ body, viewer, idem }) =>
      requests.create(ctx, viewer, body, idem),
    ),
  );
  r.get(
    '/:id',
    read({ params: IdParams }, ({ params, viewer }) => requests.get(ctx, viewer, params.id)),
  );
  r.patch(
    '/:id',
    route({ params: IdParams, body: RequestPatchSchema }, ({ params, body, viewer, idem }) =>
      requests.patch(ctx, viewer, params.id, body, idem),
    ),
  );
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
