import net from 'node:net';

/** What the proxy saw on one client connection, message by message (frontend messages only). */
interface ConnState {
  /** The startup message (and an SSL/GSS request before it) carries no type byte. */
  startup: boolean;
  buf: Buffer;
  /** The current transaction has touched the event counter (it is a write). */
  wrote: boolean;
  /** A parsed statement takes the counter lock; act once its Sync is forwarded. */
  lockPending: boolean;
  /** The statements this connection prepared by name, by name. */
  named: Map<string, string>;
}

/**
 * A TCP proxy in front of a test's own PostgreSQL that reads the frontend side of the wire
 * protocol (simple 'Q' queries, extended-protocol 'P' parse and 'B' bind messages) enough to act on SQL:
 * cut a connection right after it forwards a write's COMMIT, run a callback when a statement
 * takes the event counter's lock, or refuse every connection for a while.
 */
export interface PgProxy {
  url: string;
  port: number;
  /**
   * Cut the next connection that sends COMMIT for a transaction that appended events, right
   * after forwarding that COMMIT; then refuse new connections for `downMs` (0: reconnects work at
   * once). Resolves when the cut happened.
   */
  cutNextCommit(opts?: { downMs?: number }): Promise<void>;
  /** Call `action` once, as soon as a whole statement updating the event counter has been forwarded. */
  onNextCounterLock(action: () => void): void;
  /** Refuse (close at once) every new connection while true. */
  setDown(down: boolean): void;
  /** Commits cut so far. */
  cuts: number;
  /** True while connections are refused. */
  readonly isDown: boolean;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

/**
 * The SQL a message runs: a simple query's, an unnamed Parse's, or a Bind's of a statement this
 * connection prepared by name before (`named`: the app prepares its writes' statements, so
 * after the first time a statement comes as a Bind alone).
 */
function sqlOf(type: string, body: Buffer, named: Map<string, string>): string | null {
  if (type === 'Q') return body.toString('utf8', 0, Math.max(0, body.indexOf(0)));
  if (type === 'P') {
    const nameEnd = body.indexOf(0);
    const queryEnd = body.indexOf(0, nameEnd + 1);
    const sql = body.toString('utf8', nameEnd + 1, queryEnd);
    if (nameEnd === 0) return sql;
    // Named: it runs at its Bind (which follows at once the first time).
    named.set(body.toString('utf8', 0, nameEnd), sql);
    return null;
  }
  if (type === 'B') {
    const portalEnd = body.indexOf(0);
    const name = body.toString('utf8', portalEnd + 1, body.indexOf(0, portalEnd + 1));
    return name ? (named.get(name) ?? null) : null;
  }
  return null;
}

export async function startPgProxy(target: { host: string; port: number }): Promise<PgProxy> {
  let down = false;
  let cutArmed: { downMs: number; done: () => void } | null = null;
  let lockAction: (() => void) | null = null;
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    upstream.pipe(client);
    const st: ConnState = {
      startup: true,
      buf: Buffer.alloc(0),
      wrote: false,
      lockPending: false,
      named: new Map(),
    };
    let cut = false;

    client.on('data', (chunk: Buffer) => {
      if (cut) return;
      st.buf = Buffer.concat([st.buf, chunk]);
      for (;;) {
        if (st.startup) {
          if (st.buf.length < 8) return;
          const len = st.buf.readInt32BE(0);
          if (st.buf.length < len) return;
          const code = st.buf.readInt32BE(4);
          upstream.write(st.buf.subarray(0, len));
          st.buf = st.buf.subarray(len);
          // After an SSL or GSS request the real startup message follows, untyped as well.
          st.startup = code === SSL_REQUEST || code === GSS_REQUEST;
          continue;
        }
        if (st.buf.length < 5) return;
        const type = String.fromCharCode(st.buf[0]!);
        const len = st.buf.readInt32BE(1);
        if (st.buf.length < 1 + len) return;
        const msg = st.buf.subarray(0, 1 + len);
        st.buf = st.buf.subarray(1 + len);
        const sql = sqlOf(type, msg.subarray(5), st.named);
        upstream.write(msg);
        // The statement is complete on the wire (its Sync forwarded): PostgreSQL runs it whatever the app does now.
        if (type === 'S' && st.lockPending) {
          st.lockPending = false;
          const action = lockAction;
          lockAction = null;
          action?.();
        }
        if (sql === null) continue;
        if (/^\s*BEGIN\b/i.test(sql)) st.wrote = false;
        // A write: it appends events or records an idempotency key.
        if (/\binsert\s+into\s+"?idempotency_keys\b/i.test(sql)) st.wrote = true;
        if (/\bevent_counter\b/i.test(sql) && /\bUPDATE\b/i.test(sql)) {
          st.wrote = true;
          if (type !== 'Q') st.lockPending = true;
          else {
            const action = lockAction;
            lockAction = null;
            action?.();
          }
        }
        if (/^\s*COMMIT\b/i.test(sql) && st.wrote && cutArmed) {
          const armed = cutArmed;
          cutArmed = null;
          cut = true;
          proxy.cuts++;
          if (armed.downMs > 0) {
            // Every other connection goes too, so the app cannot ask about the outcome until it is back.
            for (const s of sockets) if (s !== upstream && s !== client) s.destroy();
            down = true;
            setTimeout(() => (down = false), armed.downMs).unref();
          }
          // The COMMIT goes on to PostgreSQL (FIN after it, so it is read and run); the app's
          // side of the connection is gone at once, so the app never learns the outcome here.
          upstream.unpipe(client);
          client.destroy();
          upstream.end();
          setTimeout(() => upstream.destroy(), 500).unref();
          armed.done();
          return;
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  const proxy: PgProxy = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    cuts: 0,
    get isDown() {
      return down;
    },
    cutNextCommit: (opts = {}) =>
      new Promise<void>((done) => {
        cutArmed = { downMs: opts.downMs ?? 0, done };
      }),
    onNextCounterLock(action) {
      lockAction = action;
    },
    setDown(d) {
      down = d;
      if (d) for (const s of sockets) s.destroy();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  return proxy;
}
