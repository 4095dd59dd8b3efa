import type { Request, RequestHandler, Response } from 'express';
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
