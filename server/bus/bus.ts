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
  ready(): boolean;
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
  });
  client.on('error', (err: Error) => log.warn({ client: name, err: err.message }, 'redis error'));
  return client;
}
/** A node-redis client. */
export type RedisClient = ReturnType<typeof redisClient>;

/** Fan-out through Redis pub/sub across server processes. */
export async function redisBus(url: string, prefix: string, log: Logger): Promise<Bus> {
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
  return {
    kind: 'redis',
    async publish(events) {
      if (!events.length) return;
      try {
        await pub.publish(channel, JSON.stringify(events));
      } catch (err) {
        // Committed already; listeners converge from the event log when Redis is back.
        log.warn({ err: (err as Error).message, seq: events[0]?.seq }, 'event publish failed');
      }
    },
    subscribe: (h) => void handlers.push(h),
    onReconnect: (h) => void reconnectHandlers.push(h),
    ready: () => pub.isReady && sub.isReady,
    async close() {
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
  };
}
