import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/db.js';
import { sql, type InferResult } from 'kysely';
import { all, first, qb } from '../db/query.js';
import type { Viewer } from './viewer.js';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'sho_sid';

// Only a hash of the token is stored, so a leaked sessions table does not grant sign-in.
const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

/** Create a session; returns the token for the cookie. */
export async function createSession(
  q: Queryable,
  userId: string,
  ttlHours: number,
): Promise<{ token: string; id: string }> {
  const token = randomBytes(32).toString('base64url');
  const id = tokenId(token);
  await all(
    q,
    qb.insertInto('sessions').values({
      id,
      user_id: userId,
      expires_at: sql<Date>`now() + make_interval(secs => ${ttlHours * 3600})`,
    }),
  );
  return { token, id };
}

// A short cache of valid sessions per database, so a burst of requests or reconnecting sockets does
// not cost a query each. Sign-out, disabling a user and changing a user's role or scope clear the
// entries on every process at once (realtime broadcasts the revocation); the TTL is a safety net.
const CACHE_TTL_MS = 5000;
const CACHE_MAX = 20_000;
// An entry may carry a proof (an API token's secret hash) that a hit must match, compared in constant time.
type CacheEntry = { viewer: Viewer; until: number; proof?: Buffer };
const caches = new WeakMap<Queryable, Map<string, CacheEntry>>();
const cacheOf = (q: Queryable) => {
  let c = caches.get(q);
  if (!c) caches.set(q, (c = new Map<string, CacheEntry>()));
  return c;
};
// Loads under way per session id, so a thousand sockets back at once with one cookie cost one query.
// Only proof-less entries (sessions) share a load; a revocation drops them, so no one joins a stale one.
const flights = new WeakMap<Queryable, Map<string, Promise<Viewer | null>>>();
const flightsOf = (q: Queryable) => {
  let f = flights.get(q);
  if (!f) flights.set(q, (f = new Map<string, Promise<Viewer | null>>()));
  return f;
};

/** Forget this process's cached entries of one user's sessions (revoked), or of one session. */
export function forgetCached(q: Queryable, who: { userId?: string; sessionId?: string }): void {
  flights.get(q)?.clear();
  const cache = caches.get(q);
  if (!cache) return;
  if (who.sessionId) cache.delete(who.sessionId);
  if (who.userId) for (const [id, e] of cache) if (e.viewer.userId === who.userId) cache.delete(id);
}

/** Delete every session of a user (disabled, or given another role or scope); returns their ids. */
export async function deleteUserSessions(q: Queryable, userId: string): Promise<string[]> {
  const rows = await all(q, qb.deleteFrom('sessions').where('user_id', '=', userId).returning('id'));
  forgetCached(q, { userId });
  return rows.map((r) => r.id);
}

/** Delete a session by its token. */
export async function deleteSession(q: Queryable, token: string): Promise<string> {
  const id = tokenId(token);
  caches.get(q)?.delete(id);
  flights.get(q)?.delete(id);
  await all(q, qb.deleteFrom('sessions').where('id', '=', id));
  return id;
}

/** Like viewerForToken, but served from a cache of recent valid sessions for up to 5 s. */
export async function cachedViewerForToken(q: Queryable, token: string | undefined): Promise<Viewer | null> {
  if (!token || token.length > 100) return null;
  return cachedViewerForSession(q, tokenId(token));
}

/** The signed-in user behind a session id (the token's hash), from the cache when recent. */
export async function cachedViewerForSession(q: Queryable, id: string): Promise<Viewer | null> {
  return cachedViewer(q, id, () => viewerForSession(q, id));
}

// A cached entry counts only if its proof is the one presented (constant-time), or neither has one.
const proven = (e: CacheEntry, proof: Buffer | undefined) =>
  e.proof === undefined
    ? proof === undefined
    : proof !== undefined && e.proof.length === proof.length && timingSafeEqual(e.proof, proof);

/**
 * A viewer from the short cache under `key` (its `sessionId`, which revocations name), else from
 * `load`. With a `proof`, a cached entry counts only if its proof is the same (constant-time).
 * Callers asking for the same proof-less key at once share one load.
 */
export async function cachedViewer(
  q: Queryable,
  key: string,
  load: () => Promise<Viewer | null>,
  proof?: Buffer,
): Promise<Viewer | null> {
  const cache = cacheOf(q);
  const hit = cache.get(key);
  if (hit && hit.until > Date.now() && proven(hit, proof)) return hit.viewer;
  if (proof) return remember(cache, key, await load(), proof);
  const inFlight = flightsOf(q);
  let flight = inFlight.get(key);
  if (!flight) {
    const started: Promise<Viewer | null> = load().then((viewer) => {
      // A revocation dropped this load meanwhile: its answer may predate it, so ask again.
      if (inFlight.get(key) !== started) return cachedViewer(q, key, load);
      inFlight.delete(key);
      return remember(cache, key, viewer);
    });
    started.catch(() => inFlight.get(key) === started && inFlight.delete(key));
    inFlight.set(key, (flight = started));
  }
  return flight;
}

/** Keep a loaded viewer under `key`, or forget the key's entry when the load found none; returns it. */
function remember(cache: Map<string, CacheEntry>, key: string, viewer: Viewer | null, proof?: Buffer) {
  const hit = cache.get(key);
  if (viewer) {
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(key, { viewer, until: Date.now() + CACHE_TTL_MS, ...(proof ? { proof } : {}) });
  } else if (!hit || proven(hit, proof)) cache.delete(key);
  return viewer;
}

// A valid session: not expired, its user not disabled.
const validSession = () =>
  qb
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select([
      's.id as session_id',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.org_id',
      'o.name as org_name',
      'u.scope',
    ])
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.disabled', '=', false);

type SessionRow = InferResult<ReturnType<typeof validSession>>[number];

/** The signed-in user behind a token, or null when missing, expired or disabled. */
export async function viewerForToken(q: Queryable, token: string | undefined): Promise<Viewer | null> {
  if (!token || token.length > 100) return null;
  return viewerForSession(q, tokenId(token));
}

/** The signed-in user behind a session id, or null when missing, expired or disabled. */
export async function viewerForSession(q: Queryable, id: string): Promise<Viewer | null> {
  const r = await first(q, validSession().where('s.id', '=', id));
  return r ? toViewer(r) : null;
}

/** The sessions among `ids` that are still valid, with their viewers (sockets are re-checked with this). */
export async function validSessions(q: Queryable, ids: readonly string[]): Promise<Map<string, Viewer>> {
  if (!ids.length) return new Map();
  const rows = await all(q, validSession().where('s.id', 'in', ids));
  return new Map(rows.map((r) => [r.session_id, toViewer(r)]));
}

/** A signed-in user's row (with its organisation's name) as the viewer of the session it names. */
export function toViewer(
  r: Pick<
    SessionRow,
    'session_id' | 'user_id' | 'username' | 'display_name' | 'role' | 'org_id' | 'org_name' | 'scope'
  >,
): Viewer {
  return {
    sessionId: r.session_id,
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    orgId: r.org_id,
    orgName: r.org_name,
    scope: r.scope,
  };
}

/** Read one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
