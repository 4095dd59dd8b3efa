import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Ctx } from '../context.js';
import { userForLogin } from '../features/users/users.repo.js';
import { LoginSchema } from '../../shared/schemas/auth.js';
import { read } from '../http/route.js';
import { HttpError } from '../http/errors.js';
import {
  cachedViewerForToken,
  createSession,
  deleteSession,
  readCookie,
  SESSION_COOKIE,
  viewerForToken,
} from './sessions.js';
import { DUMMY_HASH_PROMISE, GateFullError, verifyPassword, type HashGate } from './password.js';
import type { LoginThrottle } from './throttle.js';
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

/** Attaches `res.locals.viewer` when the session cookie is valid (not on a request that sent an API token). */
export function sessionMiddleware(ctx: Ctx) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (res.locals.viewer || req.headers.authorization !== undefined) return next();
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

/** POST /api/auth/login, /logout, GET /api/me. */
export function authRoutes(ctx: Ctx, deps: { throttle: LoginThrottle; gate: HashGate }): Router {
  const r = Router();
  const { throttle, gate } = deps;

  r.post(
    '/auth/login',
    read({ body: LoginSchema }, async ({ body: { username, password }, req, res }) => {
      // The client address as Express reads it through `trust proxy` (only the configured proxies' headers).
      const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      // Counted before the password is checked, so concurrent guesses are counted too.
      const decision = await throttle.consume(username, address);
      if (!decision.ok) {
        ctx.log.info({ event: 'login_throttled' }, 'sign-in throttled');
        res.set('Retry-After', String(decision.retryAfterSeconds));
        throw new HttpError(429, 'rate_limited', 'Too many sign-in attempts; wait a while and try again.');
      }
      let checked: { user: { id: string; disabled: boolean } | undefined; ok: boolean };
      try {
        // The lookup runs inside the slot too, so excess attempts are refused before any work.
        checked = await gate.run(async () => {
          const user = await userForLogin(ctx.db, username.toLowerCase());
          return {
            user,
            ok: await verifyPassword(password, user?.password_hash ?? (await DUMMY_HASH_PROMISE)),
          };
        });
      } catch (err) {
        if (!(err instanceof GateFullError)) throw err;
        // Nothing was checked: the attempt does not count against the user.
        await throttle.refund(username, address);
        res.set('Retry-After', '1');
        throw new HttpError(
          429,
          'busy',
          'The server is busy checking other sign-ins; try again in a second.',
        );
      }
      const { user, ok } = checked;
      if (!user || !ok || user.disabled) {
        ctx.log.info({ event: 'login_failed' }, 'sign-in refused');
        throw new HttpError(401, 'unauthenticated', 'Wrong username or password.');
      }
      await throttle.succeeded(username, address);
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
      return meOf(viewer);
    }),
  );

  r.post(
    '/auth/logout',
    read({}, async ({ req, res }) => {
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      if (token) await ctx.revocations.revoke({ sessionId: await deleteSession(ctx.db, token) });
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      return { signedOut: true };
    }),
  );

  r.get(
    '/me',
    requireAuth,
    read({}, ({ viewer }) => meOf(viewer)),
  );
  return r;
}
