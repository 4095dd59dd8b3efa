import type { Request, RequestHandler, Response, Router } from 'express';
import type { Ctx } from '../context.js';
import { z } from 'zod';
import { IdSchema } from '../../shared/schemas/common.js';
import type { Viewer } from '../auth/viewer.js';
import type { Idempotency } from '../events/writer.js';
import { idempotencyOf, parse, send, viewerOf } from './validate.js';
import { forbidden } from './errors.js';

/** `:id` route parameters, for every routes file. */
export const IdParams = z.strictObject({ id: IdSchema });

/** What a handler validates, in this order: who may call (before any input is read), params, query, body. */
interface Spec {
  allow?: (viewer: Viewer) => void;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}
type Parsed<S extends Spec, K extends 'params' | 'query' | 'body'> = S[K] extends z.ZodType
  ? z.infer<S[K]>
  : undefined;

/** A handler's input, validated. `viewer` and `idem` are read only when the handler reads them. */
export interface RouteInput<S extends Spec> {
  params: Parsed<S, 'params'>;
  query: Parsed<S, 'query'>;
  body: Parsed<S, 'body'>;
  /** The signed-in viewer (a 401 when there is none). */
  readonly viewer: Viewer;
  /** The request's Idempotency-Key (a 400 when malformed), or null. */
  readonly idem: Idempotency | null;
  req: Request;
  res: Response;
}

/** A status and a body, as a service's write returns them. */
export interface Reply {
  status: number;
  body: unknown;
}

function validated<S extends Spec>(spec: S, req: Request, res: Response): RouteInput<S> {
  if (spec.allow) spec.allow(viewerOf(res));
  const params = spec.params ? parse(spec.params, req.params, 'params') : undefined;
  const query = spec.query ? parse(spec.query, req.query, 'query') : undefined;
  const body = spec.body ? parse(spec.body, req.body, 'body') : undefined;
  return {
    params,
    query,
    body,
    get viewer() {
      return viewerOf(res);
    },
    get idem() {
      return idempotencyOf(req);
    },
    req,
    res,
  } as RouteInput<S>;
}

/**
 * One route: validate, call, reply. The handler returns `{ status, body }` (a write's outcome) and it
 * goes out through the one envelope (`send`).
 */
export function route<S extends Spec>(
  spec: S,
  handler: (input: RouteInput<S>) => Reply | Promise<Reply>,
): RequestHandler {
  return async (req, res) => {
    const out = await handler(validated(spec, req, res));
    send(res, out.status, out.body);
  };
}

/** A route whose handler returns the data to answer with status 200. */
export function read<S extends Spec>(spec: S, handler: (input: RouteInput<S>) => unknown): RequestHandler {
  return route(spec, async (input) => ({ status: 200, body: await handler(input) }));
}

/** Refuses every role but the admin, with this message. */
export const adminOnly =
  (message: string) =>
  (viewer: Viewer): void => {
    if (viewer.role !== 'admin') throw forbidden(message);
  };

/** A feature service with the four record operations. */
export interface RecordService<Create, Patch> {
  list: (ctx: Ctx, viewer: Viewer) => Promise<unknown>;
  get: (ctx: Ctx, viewer: Viewer, id: string) => Promise<unknown>;
  create: (ctx: Ctx, viewer: Viewer, input: Create, idem: Idempotency | null) => Promise<Reply>;
  patch: (ctx: Ctx, viewer: Viewer, id: string, input: Patch, idem: Idempotency | null) => Promise<Reply>;
  history?: (ctx: Ctx, viewer: Viewer, id: string) => Promise<unknown>;
}

/**
 * The record routes every domain shares: GET / (list), POST / (create), GET /:id, PATCH /:id, and
 * GET /:id/history when the service keeps one. Mount a domain's fixed paths (`/nearest`) before
 * these, so `/:id` does not take them.
 */
export function recordRoutes<C extends z.ZodType, P extends z.ZodType>(
  r: Router,
  ctx: Ctx,
  service: RecordService<z.infer<C>, z.infer<P>>,
  schemas: { create: C; patch: P },
): void {
  r.get(
    '/',
    read({}, ({ viewer }) => service.list(ctx, viewer)),
  );
  r.post(
    '/',
    route({ body: schemas.create }, ({ body, viewer, idem }) =>
      service.create(ctx, viewer, body as z.infer<C>, idem),
    ),
  );
  r.get(
    '/:id',
    read({ params: IdParams }, ({ params, viewer }) => service.get(ctx, viewer, params.id)),
  );
  r.patch(
    '/:id',
    route({ params: IdParams, body: schemas.patch }, ({ params, body, viewer, idem }) =>
      service.patch(ctx, viewer, params.id, body as z.infer<P>, idem),
    ),
  );
  const { history } = service;
  if (history)
    r.get(
      '/:id/history',
      read({ params: IdParams }, ({ params, viewer }) => history(ctx, viewer, params.id)),
    );
}

/** A feature service of alerts that are listed and acknowledged at a version. */
export interface AckService {
  list: (ctx: Ctx, viewer: Viewer) => Promise<unknown>;
  acknowledge: (
    ctx: Ctx,
    viewer: Viewer,
    id: string,
    version: number,
    idem: Idempotency | null,
  ) => Promise<Reply>;
}

/** The alert routes: GET / (list) and POST /:id/acknowledge, both behind `allow`. */
export function ackRoutes(
  r: Router,
  ctx: Ctx,
  service: AckService,
  spec: { allow: (viewer: Viewer) => void; body: z.ZodType<{ version: number }> },
): void {
  const { allow } = spec;
  r.get(
    '/',
    read({ allow }, ({ viewer }) => service.list(ctx, viewer)),
  );
  r.post(
    '/:id/acknowledge',
    route({ allow, params: IdParams, body: spec.body }, ({ params, body, viewer, idem }) =>
      service.acknowledge(ctx, viewer, params.id, body.version, idem),
    ),
  );
}
