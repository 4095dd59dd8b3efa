import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import { LIMITS } from '../../shared/limits.js';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../../shared/schemas/text.js';
import { HttpError, invalid } from './errors.js';
import { requestHash, type Idempotency } from '../events/writer.js';

/** Parse one part of a request; a failure is a 400 whose issues name each field. */
export function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query' | 'params' | 'payload',
): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw invalid(r.error, where);
}

/** The signed-in viewer; the auth middleware guarantees it on protected routes. */
export function viewerOf(res: Response): Viewer {
  const v = res.locals.viewer as Viewer | undefined;
  if (!v) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
  return v;
}

const KEY_RE = /^[A-Za-z0-9_.:-]+$/;

/** The request's Idempotency-Key (optional, validated when present) with a hash of the request. */
export function idempotencyOf(req: Request): Idempotency | null {
  const key = req.get('Idempotency-Key');
  if (key === undefined) return null;
  if (key.length === 0 || key.length > LIMITS.idempotencyKeyMax || !KEY_RE.test(key)) {
    throw new HttpError(400, 'bad_request', 'Idempotency-Key: must be 1 to 128 letters, digits or _.:-', [
      { path: 'Idempotency-Key', message: 'must be 1 to 128 letters, digits or _.:-' },
    ]);
  }
  return { key, requestHash: requestHash(req.method, req.originalUrl.split('?')[0]!, req.body) };
}

/**
 * Writes must be JSON: refuses other content types (which also blocks cross-site form posts), except
 * on the paths given, which take the listed types and parse them themselves. Some of those (a CSV
 * import's multipart/form-data, text/plain) an HTML form can send: the Origin check before this
 * refuses a cross-site write whatever its type.
 */
export function requireJsonExcept(
  others: Readonly<Record<string, readonly string[]>>,
): (req: Request, res: Response, next: NextFunction) => void {
  return (req, _res, next) => {
    const hasBody =
      (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') ||
      req.headers['transfer-encoding'] !== undefined;
    // A key ending in `/` covers every path under it (`/import/` for each kind of import).
    const allowed =
      others[req.path] ??
      Object.entries(others).find(([k]) => k.endsWith('/') && req.path.startsWith(k))?.[1];
    if (
      ['POST', 'PATCH', 'PUT', 'DELETE'].includes(req.method) &&
      hasBody &&
      !req.is('application/json') &&
      !(allowed && req.is([...allowed]))
    ) {
      const extra = allowed ? ` or ${allowed.join(', ')}` : '';
      return next(
        new HttpError(415, 'unsupported_media_type', `Send JSON (Content-Type: application/json)${extra}.`),
      );
    }
    next();
  };
}

/** Writes must be JSON (no exceptions). */
export const requireJson = requireJsonExcept({});

/** Send the success envelope. */
export function send<T>(res: Response, status: number, data: T): void {
  res.status(status).json({ ok: true, data });
}

/** The dotted path of the first string (value or key) PostgreSQL could not store, or null. */
function unstorablePath(value: unknown, path: string[], depth = 0): string | null {
  const at = (p: string[]) => (p.length ? p.join('.') : '(root)');
  if (typeof value === 'string') return isStorableText(value) ? null : at(path);
  // The body is at most 64 KB and schemas bound nesting; the depth cap only keeps this walk cheap.
  if (typeof value !== 'object' || value === null || depth > 32) return null;
  for (const [k, v] of Object.entries(value)) {
    if (!isStorableText(k)) return at([...path, k.replace(/[^\x20-\x7e]/g, '?')]);
    const hit = unstorablePath(v, [...path, k], depth + 1);
    if (hit) return hit;
  }
  return null;
}

/**
 * Refuses a body or query holding text that PostgreSQL cannot store (a NUL, an unpaired surrogate) in
 * any field, with a 400 naming it. Every string schema checks this too; this is the net under them,
 * so no route can reach the database with such text and answer 500.
 */
export function refuseUnstorableText(req: Request, _res: Response, next: NextFunction): void {
  const where = unstorablePath(req.body, []) ?? unstorablePath(req.query, []);
  if (!where) return next();
  next(
    new HttpError(400, 'bad_request', `${where}: ${UNSTORABLE_TEXT_MESSAGE}`, [
      { path: where, message: UNSTORABLE_TEXT_MESSAGE },
    ]),
  );
}
