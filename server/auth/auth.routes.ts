import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Ctx } from '../context.js';
import { LoginSchema } from '../../shared/schemas/auth.js';
import { parse, send, viewerOf } from '../http/validate.js';
import { HttpError } from '../http/errors.js';
import {
  cachedViewerForToken,
  createSession,
  deleteSession,
  readCookie,
  SESSION_COOKIE,
  viewerForToken,
} from './sessions.js';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password.js';
import type { Viewer } from './viewer.js';

/** The viewer as GET /api/me returns it. */
export const meOf = (v: Viewer) => ({
  id: v.userId,
  username: v.username,
  displayName: v.displayName,
  role: v.role,
  orgId: v.orgId,
  orgName: v.orgName,
  scope: v.scope,
});

/** Attaches `res.locals.viewer` when the session cookie is valid. */
export function sessionMiddleware(ctx: Ctx) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) res.locals.viewer = await cachedViewerForToken(ctx.db, token);
    next();
  };
}

/** Refuses requests without a signed-in viewer. */
export function requireAuth(_req: Request, res: Response, next: NextFunction): void {
  if (!res.locals.viewer) return next(new HttpError(401, 'unauthenticated', 'Sign in first.'));
  next();
}

// Slows down password guessing: at most 10 failures per username and address per 15 minutes.
const FAIL_WINDOW_MS = 15 * 60_000;
const MAX_FAILS = 10;

/** POST /api/auth/login, /logout, GET /api/me. */
export function authRoutes(ctx: Ctx): Router {
  const r = Router();
  const failures = new Map<string, { count: number; since: number }>();

  r.post('/auth/login', async (req, res) => {
    const { username, password } = parse(LoginSchema, req.body, 'body');
    const key = `${req.ip ?? ''}|${username.toLowerCase()}`;
    const f = failures.get(key);
    if (f && Date.now() - f.since < FAIL_WINDOW_MS && f.count >= MAX_FAILS) {
      throw new HttpError(429, 'rate_limited', 'Too many failed sign-ins; wait 15 minutes.');
    }
    const { rows } = await ctx.db.query<{ id: string; password_hash: string; disabled: boolean }>(
      'SELECT id, password_hash, disabled FROM users WHERE username = $1',
      [username.toLowerCase()],
    );
    const user = rows[0];
    const ok = await verifyPassword(password, user?.password_hash ?? (await DUMMY_HASH_PROMISE));
    if (!user || !ok || user.disabled) {
      const prev = f && Date.now() - f.since < FAIL_WINDOW_MS ? f : { count: 0, since: Date.now() };
      failures.set(key, { count: prev.count + 1, since: prev.since });
      if (failures.size > 10_000) failures.clear();
      ctx.log.info({ event: 'login_failed' }, 'sign-in refused');
      throw new HttpError(401, 'unauthenticated', 'Wrong username or password.');
    }
    failures.delete(key);
    const { token } = await createSession(ctx.db, user.id, ctx.config.sessionTtlHours);
    const viewer = (await viewerForToken(ctx.db, token))!;
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: ctx.config.cookieSecure,
      path: '/',
      maxAge: ctx.config.sessionTtlHours * 3_600_000,
    });
    ctx.log.info({ userId: viewer.userId, role: viewer.role }, 'signed in');
    send(res, 200, meOf(viewer));
  });

  r.post('/auth/logout', async (req, res) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) await ctx.revocations.revoke({ sessionId: await deleteSession(ctx.db, token) });
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    send(res, 200, { signedOut: true });
  });

  r.get('/me', requireAuth, (_req, res) => send(res, 200, meOf(viewerOf(res))));
  return r;
}
