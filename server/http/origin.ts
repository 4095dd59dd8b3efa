import type { IncomingHttpHeaders } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './errors.js';

/** Express's compiled `trust proxy` function: is the address at this hop a trusted proxy? */
export type TrustFn = (address: string, hop: number) => boolean;

/** What a request says about itself: its headers and the address of the peer that sent it. */
export interface RequestFacts {
  headers: IncomingHttpHeaders;
  remoteAddress: string | undefined;
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** The page origin a request comes from: `Origin`, else the origin of `Referer`; null when neither is sent. */
export function claimedOrigin(headers: IncomingHttpHeaders): string | null {
  const origin = first(headers.origin);
  if (origin !== undefined) return origin;
  const referer = first(headers.referer);
  if (referer === undefined) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

/**
 * The Host the client addressed, as Express's `req.host` reads it: X-Forwarded-Host only when the
 * peer is a trusted proxy, otherwise the Host header.
 */
export function requestHost(r: RequestFacts, trust: TrustFn): string | undefined {
  const forwarded = first(r.headers['x-forwarded-host']);
  if (forwarded && r.remoteAddress !== undefined && trust(r.remoteAddress, 0))
    return forwarded.split(',')[0]!.trim();
  return r.headers.host;
}

/**
 * Decides whether a page origin may write or open a socket: the request's own origin (same host and
 * port as it addressed) or one of the configured ALLOWED_ORIGINS. Only the host is compared for the
 * request's own origin: a TLS-terminating proxy in front often forwards `http`, while the browser
 * says `https`, and a page on the same host and port is the app itself either way.
 */
export function originAllowed(r: RequestFacts, trust: TrustFn, allowedOrigins: readonly string[]): boolean {
  const claimed = claimedOrigin(r.headers);
  // No Origin and no Referer: not a browser page (curl, scripts, the CLI); cookies are SameSite=Strict.
  if (claimed === null) return true;
  if (allowedOrigins.includes(claimed)) return true;
  let url: URL;
  try {
    url = new URL(claimed);
  } catch {
    return false; // "null" (sandboxed frames, file:) and garbage
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = requestHost(r, trust);
  if (!host) return false;
  try {
    // Parsed with the origin's scheme so an omitted default port compares equal (example.org == example.org:443).
    return new URL(`${url.protocol}//${host}`).host === url.host;
  } catch {
    return false;
  }
}

const STATE_CHANGING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** Refuses state-changing API requests from pages on other origins with 403 `forbidden_origin`. */
export function checkOrigin(trust: () => TrustFn, allowedOrigins: readonly string[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!STATE_CHANGING.has(req.method)) return next();
    if (
      originAllowed(
        { headers: req.headers, remoteAddress: req.socket.remoteAddress },
        trust(),
        allowedOrigins,
      )
    )
      return next();
    next(
      new HttpError(
        403,
        'forbidden_origin',
        'This request comes from a page on another site; it is refused. Use the app at its own address.',
      ),
    );
  };
}
