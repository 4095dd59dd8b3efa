import type { Role } from '../../shared/enums.js';
import { io as ioClient, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  Change,
  SyncResult,
  Ack,
} from '../../shared/events.js';
import { receive, startStream, type StreamState } from '../../shared/sync.js';

/** A signed-in HTTP client: keeps the session cookie and speaks the envelope. */
export interface ApiClient {
  cookie: string;
  get<T = unknown>(
    path: string,
  ): Promise<{
    status: number;
    body: {
      ok: boolean;
      data?: T;
      error?: {
        code: string;
        message: string;
        issues?: { path: string; message: string }[];
        current?: unknown;
      };
    };
  }>;
  send<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): ReturnType<ApiClient['get']> extends Promise<infer R> ? Promise<R & { body: { data?: T } }> : never;
}

/** Sign in and return a client bound to the session. */
export async function login(base: string, username: string, password = 'demo'): Promise<ApiClient> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return client(base, cookie);
}

/** Sign in each of `usernames` (demo password) at once; the clients come in the same order. */
export function loginAll<const T extends readonly string[]>(
  base: string,
  usernames: T,
): Promise<{ -readonly [K in keyof T]: ApiClient }> {
  return Promise.all(usernames.map((u) => login(base, u))) as Promise<never>;
}

/** A client with a given cookie (possibly none). */
export function client(base: string, cookie = ''): ApiClient {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { ok: false, raw: text };
    }
    return { status: res.status, body: parsed as never };
  };
  return { cookie, get: (path) => call('GET', path), send: call };
}

/** The official socket.io-client, authenticated by the session cookie. */
export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Connect a socket with the session cookie (websocket transport, no auto-reconnect unless asked);
 * `auth` is the handshake's (e.g. `{ afterSeq }` for a catch-up in the hello).
 */
export function connectSocket(
  base: string,
  cookie: string,
  opts: { reconnection?: boolean; auth?: Record<string, unknown> } = {},
): TestSocket {
  return ioClient(base, {
    transports: ['websocket'],
    ...(opts.auth ? { auth: opts.auth } : {}),
    extraHeaders: cookie ? { cookie } : {},
    reconnection: opts.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    forceNew: true,
  });
}

/** Resolves when connected; rejects with the server's reason when refused. */
export function connected(socket: TestSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Send `sync` and wait for the ack. */
export function sync(socket: TestSocket, afterSeq: number): Promise<Ack<SyncResult>> {
  return socket.timeout(10_000).emitWithAck('sync', { afterSeq });
}

/**
 * A client that behaves like the dashboard: applies changes through the shared stream reconciler,
 * catches up with `sync` on gaps and on every (re)connect, and records what it applied.
 */
export class ReplicaClient {
  stream: StreamState;
  applied: Change[] = [];
  received: Change[] = [];
  private syncing = false;

  constructor(
    readonly socket: TestSocket,
    startSeq: number,
  ) {
    this.stream = startStream(startSeq);
    socket.on('change', (c) => {
      this.received.push(c);
      this.offer([c]);
    });
    socket.on('connect', () => void this.catchUp());
  }

  private offer(changes: Change[]) {
    const step = receive(this.stream, changes);
    this.stream = step.state;
    this.applied.push(...step.apply);
    if (step.gap) void this.catchUp();
  }

  async catchUp(): Promise<void> {
    if (this.syncing || !this.socket.connected) return;
    this.syncing = true;
    try {
      // Replies are paged: ask again from where a page ended until the head is reached.
      for (;;) {
        const before = this.stream.lastSeq;
        const reply = await sync(this.socket, before);
        if (!reply.ok || reply.data.reset) break;
        this.offer(reply.data.events);
        if (this.stream.lastSeq >= reply.data.head || this.stream.lastSeq === before) break;
      }
    } catch {
      /* retried on the next connect or gap */
    } finally {
      this.syncing = false;
    }
  }

  get lastSeq(): number {
    return this.stream.lastSeq;
  }
}

/** The demo sign-in of each role (SPEC 9), password `demo`. */
export const DEMO_USERS: Readonly<Record<Role, string>> = {
  ops_officer: 'ops',
  shelter_manager: 'shelter',
  gbv_coordinator: 'gbv',
  service_provider: 'provider',
  viewer: 'viewer',
  admin: 'admin',
};
