import { createClient } from 'redis';
import type { StoredEvent } from '../events/log.js';
import type { Logger } from '../logger.js';

/** Carries committed events to every server process (including the one that wrote them). */
export interface Bus {
  kind: 'memory' | 'redis';
  publish(events: readonly StoredEvent[]): Promise<void>;
  subscribe(handler: (events: StoredEvent[]) => void): void;
  /** Called when the bus (re)connects, so listeners can catch up on what they may have missed. */
  onReconnect(handler: () => void): void;
  /** Connected and, as of the last heartbeat, answering. */
  ready(): boolean;
  /** True when the bus answers a ping within `timeoutMs`. */
  ping(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** In-process fan-out for a single server. */
export function memoryBus(): Bus {
  const handlers: ((events: StoredEvent[]) => void)[] = [];
  return {
    kind: 'memory',
    publish(events) {
      const copy = [...events];
      // Deliver asynchronously, as Redis would, so a write's reply never waits on fan-out.
      setImmediate(() => handlers.forEach((h) => h(copy)));
      return Promise.resolve();
    },
    subscribe: (h) => void handlers.push(h),
    onReconnect: () => undefined,
    ready: () => true,
    ping: () => Promise.resolve(true),
    close: () => Promise.resolve(),
  };
}

/** A Redis client that logs errors instead of crashing and keeps retrying. */
export function redisClient(url: string, log: Logger, name: string) {
  const client = createClient({
    url,
    // RESP2: the Socket.IO Redis adapter is not tested on RESP3.
    RESP: 2,
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000), connectTimeout: 3000 },
    // Fail fast while disconnected; the event log lets everyone catch up afterwards.
    disableOfflineQueue: true,
    // A Redis that stops answering (frozen, not gone) must not grow the queue of unanswered commands without bound.
    commandsQueueMaxLength: 5000,
  });
  client.on('error', (err: Error) => log.warn({ client: name, err: err.message }, 'redis error'));
  return client;
}
/** A node-redis client. */
export type RedisClient = ReturnType<typeof redisClient>;

/** How long a shutdown waits for Redis to answer QUIT before it drops the connection. */
const QUIT_WAIT_MS = 2000;

/**
 * Close a client without letting Redis hold the shutdown: QUIT when it is connected (what was sent
 * goes out first), at most QUIT_WAIT_MS for a frozen Redis; a client that is away (reconnecting)
 * is dropped at once, since its QUIT would wait for a Redis that may never come back.
 */
export async function closeRedis(client: Pick<RedisClient, 'isReady' | 'isOpen' | 'quit' | 'destroy'>) {
  if (!client.isOpen) return;
  if (!client.isReady) {
    client.destroy();
    return;
  }
  await withTimeout(client.quit(), QUIT_WAIT_MS, 'redis quit').catch(() => {
    if (client.isOpen) client.destroy();
  });
}

/** Resolve `p`, or reject after `ms` (the command itself cannot be taken back). */
function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Time limits of the Redis bus, in milliseconds. */
export interface RedisBusOptions {
  /** A publish not answered within this is logged and left to the log catch-up. */
  publishTimeoutMs: number;
  /** A heartbeat ping not answered within this marks the bus not ready. */
  pingTimeoutMs: number;
  /** Heartbeat interval. */
  heartbeatMs: number;
}

/** Fan-out through Redis pub/sub across server processes. */
export async function redisBus(
  url: string,
  prefix: string,
  log: Logger,
  opts: RedisBusOptions = { publishTimeoutMs: 1000, pingTimeoutMs: 500, heartbeatMs: 1000 },
): Promise<Bus> {
  const channel = `${prefix}:events`;
  const pub = redisClient(url, log, 'bus-pub');
  const sub = redisClient(url, log, 'bus-sub');
  const handlers: ((events: StoredEvent[]) => void)[] = [];
  const reconnectHandlers: (() => void)[] = [];
  let connectedOnce = false;
  sub.on('ready', () => {
    if (connectedOnce) reconnectHandlers.forEach((h) => h());
    connectedOnce = true;
  });
  await Promise.all([pub.connect(), sub.connect()]);
  await sub.subscribe(channel, (message) => {
    let events: StoredEvent[];
    try {
      events = JSON.parse(message) as StoredEvent[];
    } catch {
      log.warn({ channel: channel }, 'unparseable bus message dropped');
      return;
    }
    handlers.forEach((h) => h(events));
  });
  const ping = async (timeoutMs: number) => {
    if (!pub.isReady || !sub.isReady) return false;
    try {
      await withTimeout(pub.ping(), timeoutMs, 'redis ping');
      return true;
    } catch {
      return false;
    }
  };
  // Heartbeat: a Redis that is connected but not answering (frozen, overloaded) counts as down,
  // so readiness and the log poll react to it as they do to a lost connection.
  let answering = true;
  let beating = false;
  const heartbeat = setInterval(() => {
    if (beating) return;
    beating = true;
    void ping(opts.pingTimeoutMs).then((ok) => {
      beating = false;
      if (ok && !answering) {
        log.warn({}, 'redis answers again');
        // Messages published while it was stalled may be lost: catch up from the log.
        reconnectHandlers.forEach((h) => h());
      }
      if (!ok && answering && pub.isReady) log.warn({ timeoutMs: opts.pingTimeoutMs }, 'redis not answering');
      answering = ok;
    });
  }, opts.heartbeatMs);
  heartbeat.unref();
  return {
    kind: 'redis',
    async publish(events) {
      if (!events.length) return;
      try {
        await withTimeout(pub.publish(channel, JSON.stringify(events)), opts.publishTimeoutMs, 'publish');
      } catch (err) {
        // Committed already; listeners converge from the event log when Redis is back.
        log.warn({ err: (err as Error).message, seq: events[0]?.seq }, 'event publish failed');
      }
    },
    subscribe: (h) => void handlers.push(h),
    onReconnect: (h) => void reconnectHandlers.push(h),
    ready: () => pub.isReady && sub.isReady && answering,
    ping,
    async close() {
      clearInterval(heartbeat);
      await Promise.all([closeRedis(sub), closeRedis(pub)]);
    },
  };
}
