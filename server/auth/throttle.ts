import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { LoginLimits } from '../env.js';
import type { Logger } from '../logger.js';
import { closeRedis, redisClient } from '../bus/bus.js';

/** The outcome of asking to try a sign-in. */
export type ThrottleDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Sign-in throttling shared by every process (through Redis when configured). */
export interface LoginThrottle {
  /** Count one attempt for this username and address, before the password is checked. */
  consume(username: string, address: string): Promise<ThrottleDecision>;
  /** The password was right: clear the username's count and give the address its point back. */
  succeeded(username: string, address: string): Promise<void>;
  /** The password was never checked (the server was busy): give both points back. */
  refund(username: string, address: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Two fixed-window counters, one per username and one per client address. Each attempt is counted
 * atomically before the password is checked (an INCR in Redis, a synchronous update in memory), so
 * concurrent guesses cannot all slip in before the first failure is recorded.
 */
export async function createLoginThrottle(
  limits: LoginLimits,
  redis: { url: string; prefix: string } | undefined,
  log: Logger,
): Promise<LoginThrottle> {
  const base = (points: number, name: string) => ({
    points,
    duration: limits.windowSeconds,
    keyPrefix: name,
  });
  const memory = (points: number, name: string) => new RateLimiterMemory(base(points, name));
  let client: ReturnType<typeof redisClient> | null = null;
  let byUser: RateLimiterAbstract;
  let byAddress: RateLimiterAbstract;
  if (redis) {
    client = redisClient(redis.url, log, 'login-throttle');
    await client.connect();
    const store = (points: number, name: string) =>
      new RateLimiterRedis({
        ...base(points, `${redis.prefix}:login:${name}`),
        storeClient: client,
        useRedisPackage: true,
        // While Redis is unreachable each process counts on its own rather than letting everyone in.
        insuranceLimiter: memory(points, name),
      });
    byUser = store(limits.maxPerUser, 'user');
    byAddress = store(limits.maxPerAddress, 'addr');
  } else {
    byUser = memory(limits.maxPerUser, 'user');
    byAddress = memory(limits.maxPerAddress, 'addr');
  }
  const userKey = (u: string) => u.toLowerCase();
  const ignore = (what: string) => (err: unknown) => {
    if (!(err instanceof RateLimiterRes))
      log.warn({ event: 'login_throttle', op: what, err: (err as Error).message }, 'throttle update failed');
  };

  return {
    async consume(username, address) {
      const results = await Promise.allSettled([
        byUser.consume(userKey(username)),
        byAddress.consume(address),
      ]);
      let wait = 0;
      for (const r of results) {
        if (r.status === 'fulfilled') continue;
        // A refusal is a RateLimiterRes; anything else is a store failure the insurance limiter did not absorb.
        if (!(r.reason instanceof RateLimiterRes)) throw r.reason;
        wait = Math.max(wait, r.reason.msBeforeNext);
      }
      return wait ? { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) } : { ok: true };
    },
    async succeeded(username, address) {
      await Promise.all([
        byUser.delete(userKey(username)).catch(ignore('delete')),
        byAddress.reward(address, 1).catch(ignore('reward')),
      ]);
    },
    async refund(username, address) {
      await Promise.all([
        byUser.reward(userKey(username), 1).catch(ignore('reward')),
        byAddress.reward(address, 1).catch(ignore('reward')),
      ]);
    },
    async close() {
      if (client) await closeRedis(client);
    },
  };
}
