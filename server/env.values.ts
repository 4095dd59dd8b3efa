import { isIP } from 'node:net';
import { z } from 'zod';

/** The value types of the environment that need more than a zod primitive (server/env.ts). */

/** A yes/no setting: 1/0, true/false, yes/no. */
export const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

// Express's names for the private ranges (proxy-addr), accepted beside addresses and subnets.
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An IPv4/IPv6 address, optionally with a /prefix, or one of Express's range names. */
function isProxyAddress(v: string): boolean {
  if (PROXY_RANGE_NAMES.includes(v)) return true;
  const [addr = '', prefix, ...rest] = v.split('/');
  const family = isIP(addr);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  return bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies' X-Forwarded-* headers to believe: `0` (none), a number of hops, or a list of proxy
 * addresses and subnets. Never "trust everything": then any client could choose its own address and
 * walk around the sign-in throttle. `false`/`no` are the old spelling of 0 (and `1` was already 1 hop).
 */
export const TrustProxySchema = z
  .string()
  .trim()
  .transform((v, ctx): number | string[] => {
    if (v === 'false' || v === 'no') return 0;
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops <= 10) return hops;
      ctx.addIssue({ code: 'custom', message: 'at most 10 proxy hops' });
      return z.NEVER;
    }
    const list = v
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    const bad = list.filter((a) => !isProxyAddress(a));
    if (!list.length || bad.length) {
      ctx.addIssue({
        code: 'custom',
        message:
          v === 'true' || v === 'yes'
            ? 'trusting every proxy is not allowed: give the number of proxy hops (e.g. 1) or their addresses'
            : `must be 0, a number of proxy hops, or comma-separated proxy addresses/subnets (bad: ${bad.join(', ') || v})`,
      });
      return z.NEVER;
    }
    return list;
  });

/** Comma-separated values, each kept as `accept` returns it or reported with `refusal`. */
function commaList(accept: (raw: string) => string | null, refusal: (raw: string) => string) {
  return z.string().transform((v, ctx): string[] => {
    const out: string[] = [];
    for (const raw of v
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean)) {
      let kept: string | null = null;
      try {
        kept = accept(raw);
      } catch {
        /* reported below */
      }
      if (kept !== null) out.push(kept);
      else ctx.addIssue({ code: 'custom', message: refusal(raw) });
    }
    return out;
  });
}

const isHttp = (u: URL) => u.protocol === 'http:' || u.protocol === 'https:';

/** Comma-separated origins (scheme://host[:port]) allowed besides the app's own. */
export const OriginsSchema = commaList(
  (raw) => {
    const u = new URL(raw);
    return isHttp(u) && u.origin === raw.replace(/\/$/, '') ? u.origin : null;
  },
  (raw) => `not an origin such as https://example.org: ${raw}`,
);

/** Comma-separated http(s) URLs of CAP 1.2 Atom feeds to poll. */
export const FeedUrlsSchema = commaList(
  (raw) => {
    const u = new URL(raw);
    return isHttp(u) && !u.username && !u.password ? raw : null;
  },
  (raw) => `not an http(s) URL without credentials: ${raw}`,
);
