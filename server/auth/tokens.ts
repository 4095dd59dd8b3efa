import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Ctx } from '../context.js';
import type { Queryable } from '../db/db.js';
import type { TokenPurpose } from '../../shared/schemas/tokens.js';
import { HttpError } from '../http/errors.js';
import { audit } from '../features/incidents/audit.js';
import { touchToken, usableToken } from '../features/tokens/tokens.repo.js';
import { cachedViewer } from './sessions.js';
import type { Viewer } from './viewer.js';

// `sho_<token id, 32 hex>_<secret, 43 base64url>`: the id finds the row, the secret (256 random
// bits) proves it. Only the SHA-256 of the whole token is stored; a slow hash adds nothing for a
// secret this long.
const TOKEN_RE = /^sho_([0-9a-f]{32})_[A-Za-z0-9_-]{43}$/;
const hashOf = (token: string) => createHash('sha256').update(token).digest();
const uuidOf = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/** A new token: its id, the secret to show once, what is stored and what the list shows. */
export function newApiToken(): { id: string; secret: string; secretHash: string; prefix: string } {
  const id = randomUUID();
  const secret = `sho_${id.replace(/-/g, '')}_${randomBytes(32).toString('base64url')}`;
  return { id, secret, secretHash: hashOf(secret).toString('hex'), prefix: secret.slice(0, 12) };
}

/** The session id a token's viewer carries; revocations name it. */
export const tokenSessionId = (tokenId: string) => `token:${tokenId}`;

/** The caller behind a bearer token, or null (malformed, unknown, wrong secret, revoked or expired). */
export async function viewerForApiToken(q: Queryable, token: string): Promise<Viewer | null> {
  const m = TOKEN_RE.exec(token);
  if (!m) return null;
  const id = uuidOf(m[1]!);
  const proof = hashOf(token);
  return cachedViewer(
    q,
    tokenSessionId(id),
    async () => {
      const row = await usableToken(q, id);
      if (!row) return null;
      const stored = Buffer.from(row.secret_hash, 'hex');
      if (stored.length !== proof.length || !timingSafeEqual(stored, proof)) return null;
      return {
        userId: row.id,
        username: `token:${row.name}`,
        displayName: row.name,
        role: row.role,
        orgId: row.org_id,
        orgName: row.org_name ?? '',
        scope: row.scope,
        sessionId: tokenSessionId(row.id),
        tokenId: row.id,
        ...(row.purpose ? { tokenPurpose: row.purpose } : {}),
      };
    },
    proof,
  );
}

/** What each purpose may call (paths below /api). */
const PURPOSE_ENDPOINTS: Record<TokenPurpose, (method: string, path: string) => boolean> = {
  'export-reader': (m, p) => m === 'GET' && p.startsWith('/export/'),
  'sms-gateway': (m, p) => m === 'POST' && p === '/sms/inbound',
  'cap-feed': (m, p) => m === 'POST' && p === '/cap/alerts',
};

/** True when a purpose token may call this endpoint (a role token may call what its role may). */
export const tokenMayCall = (v: Viewer, method: string, path: string): boolean =>
  !v.tokenPurpose || PURPOSE_ENDPOINTS[v.tokenPurpose](method, path.replace(/\/+$/, ''));

// Last use is written at most this often per token and process: a busy feed costs no write per call.
const TOUCH_EVERY_MS = 10_000;

/**
 * `Authorization: Bearer <token>`: attaches the token's viewer, refuses a bad token with 401 and
 * a purpose token outside its purpose with 403, and audits every call (who, what, status; never
 * the data). The session cookie is not read on a request that sends a token.
 */
export function bearerMiddleware(ctx: Ctx) {
  const touched = new Map<string, number>();
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    if (header === undefined) return next();
    const m = /^Bearer ([^\s]+)$/i.exec(header.trim());
    const viewer = m ? await viewerForApiToken(ctx.db, m[1]!) : null;
    if (!viewer) return next(new HttpError(401, 'unauthenticated', 'The API token is not valid.'));
    if (!tokenMayCall(viewer, req.method, req.path))
      return next(
        new HttpError(403, 'forbidden', `A ${viewer.tokenPurpose} token may not call this endpoint.`),
      );
    res.locals.viewer = viewer;
    const id = viewer.tokenId!;
    if ((touched.get(id) ?? 0) < Date.now() - TOUCH_EVERY_MS) {
      touched.set(id, Date.now());
      touchToken(ctx.db, id).catch((err: unknown) =>
        ctx.log.warn({ err: (err as Error).message, tokenId: id }, 'token last-use update failed'),
      );
    }
    const resource = `/api${req.path}`;
    res.on('finish', () => {
      // An incident report's writer is never named, not even as a token (SPEC 2.4, 2.7).
      if (resource.startsWith('/api/incident-reports')) return;
      const action =
        req.method === 'GET' ? (resource.startsWith('/api/export/') ? 'export' : 'read') : 'write';
      audit(ctx.db, viewer, action, resource, {
        via: 'token',
        tokenId: id,
        method: req.method,
        status: res.statusCode,
      }).catch((err: unknown) =>
        ctx.log.warn({ err: (err as Error).message, tokenId: id }, 'token use audit failed'),
      );
    });
    next();
  };
}
