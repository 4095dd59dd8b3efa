import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hello } from '../../../shared/events.js';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import { startServer, type TestServer } from '../../helpers/server.js';
import { connectSocket, login, sync, type ApiClient, type TestSocket } from '../../helpers/client.js';
import { unfoldHidden } from '../../../shared/hiddenRuns.js';

/** The first hello on a socket, or the handshake's refusal. */
const helloOf = (socket: TestSocket) =>
  new Promise<Hello>((resolve, reject) => {
    socket.once('hello', resolve);
    socket.once('connect_error', reject);
  });

/** Issue 12: a reconnecting client says where it stands in the handshake and gets its catch-up in the hello. */
describe('catch-up in the hello', () => {
  let srv: TestServer;
  let ops: ApiClient;
  let viewer: ApiClient;
  let before = 0;
  let head = 0;

  beforeAll(async () => {
    srv = await startServer();
    ops = await login(srv.url, 'ops');
    viewer = await login(srv.url, 'viewer');
    before = (await ops.get<{ seq: number }>('/api/snapshot')).body.data!.seq;
    const shelters = (await ops.get<Shelter[]>('/api/shelters')).body.data!;
    // More than the compaction threshold of repeated updates to a few shelters: one compacted page.
    for (let i = 0; i < 120; i++) {
      const s = shelters[i % 3]!;
      const r = await ops.send<Shelter>('PATCH', `/api/shelters/${s.id}`, {
        version: s.version,
        occupancy: i + 1,
      });
      expect(r.status).toBe(200);
      s.version = r.body.data!.version;
    }
    head = (await ops.get<{ seq: number }>('/api/snapshot')).body.data!.seq;
  });
  afterAll(async () => {
    await srv?.stop();
  });

  it('without a position in the handshake, the hello has no catch-up', async () => {
    const socket = connectSocket(srv.url, ops.cookie);
    try {
      const hello = await helloOf(socket);
      // It says it sends placeholder runs to a client that asks for them.
      expect(hello).toEqual({ protocol: hello.protocol, head, hiddenRuns: true });
    } finally {
      socket.disconnect();
    }
  });

  it.each(['ops', 'viewer'] as const)(
    'for %s, the hello carries what sync answers for the same position, up to the head',
    async (who) => {
      const api = who === 'ops' ? ops : viewer;
      const socket = connectSocket(srv.url, api.cookie, { auth: { afterSeq: before } });
      try {
        const hello = await helloOf(socket);
        expect(hello.head).toBe(head);
        expect(hello.catchUp?.reset).toBe(false);
        if (!hello.catchUp || hello.catchUp.reset) return;
        // Every seq after the position once, in order, compacted: the last update of each shelter carries data.
        expect(hello.catchUp.events.map((c) => c.seq)).toEqual(
          Array.from({ length: head - before }, (_, i) => before + i + 1),
        );
        const carrying = hello.catchUp.events.filter((c) => c.type === 'shelter:updated');
        expect(carrying).toHaveLength(3);
        // The socket's own audience: the same answer its sync gets.
        expect(await sync(socket, before)).toEqual({ ok: true, data: hello.catchUp });
      } finally {
        socket.disconnect();
      }
    },
  );

  it('keeps audiences apart: the viewer never gets the operations officer’s hello', async () => {
    const [a, b] = [
      connectSocket(srv.url, ops.cookie, { auth: { afterSeq: before } }),
      connectSocket(srv.url, viewer.cookie, { auth: { afterSeq: before } }),
    ];
    try {
      const [ho, hv] = await Promise.all([helloOf(a), helloOf(b)]);
      if (!ho.catchUp || ho.catchUp.reset || !hv.catchUp || hv.catchUp.reset)
        throw new Error('expected events');
      const viewerSync = await sync(b, before);
      expect(viewerSync).toEqual({ ok: true, data: hv.catchUp });
      // The demo operations officer reads fields the viewer does not (e.g. a shelter's contact phone).
      expect(JSON.stringify(hv.catchUp)).not.toEqual(JSON.stringify(ho.catchUp));
    } finally {
      a.disconnect();
      b.disconnect();
    }
  });

  it.each([
    [{ afterSeq: -1 }, 'afterSeq'],
    [{ afterSeq: 'x' }, 'afterSeq'],
    [{ afterSeq: 1.5 }, 'afterSeq'],
    [{ since: 3 }, 'since'],
    [{ afterSeq: 1, hiddenRuns: 'yes' }, 'hiddenRuns'],
    [{ hiddenRuns: false }, 'hiddenRuns'],
  ])(
    'refuses a handshake whose auth is not { afterSeq, hiddenRuns }, naming the field: %j',
    async (auth, field) => {
      const socket = connectSocket(srv.url, ops.cookie, { auth });
      try {
        const err = (await helloOf(socket).then(
          () => null,
          (e: unknown) => e,
        )) as (Error & { data?: { code: string; issues?: { path: string }[] } }) | null;
        expect(err?.message).toBe('invalid');
        expect(err?.data?.code).toBe('bad_request');
        expect(JSON.stringify(err?.data?.issues)).toContain(field);
      } finally {
        socket.disconnect();
      }
    },
  );
  it('asked for runs, a catch-up folds its placeholders into runs that unfold to the same answer', async () => {
    const plainSocket = connectSocket(srv.url, ops.cookie, { auth: { afterSeq: before } });
    const runsSocket = connectSocket(srv.url, ops.cookie, { auth: { afterSeq: before, hiddenRuns: true } });
    try {
      const [plain, folded] = await Promise.all([helloOf(plainSocket), helloOf(runsSocket)]);
      if (!plain.catchUp || plain.catchUp.reset || !folded.catchUp || folded.catchUp.reset)
        throw new Error('expected events');
      // A client that did not ask (an older one) never gets a run.
      expect(JSON.stringify(plain)).not.toContain('through');
      const runs = folded.catchUp.events.filter((e) => 'through' in e);
      expect(runs.length).toBeGreaterThan(0);
      expect(JSON.stringify(folded).length).toBeLessThan(JSON.stringify(plain).length - 2000);
      expect(unfoldHidden(folded.catchUp.events)).toEqual(plain.catchUp.events);
      expect(folded.head).toBe(plain.head);
      // Every catch-up on the socket that asked in its handshake, and a sync that asks in its payload.
      expect(await sync(runsSocket, before)).toEqual({ ok: true, data: folded.catchUp });
      expect(
        await plainSocket.timeout(10_000).emitWithAck('sync', { afterSeq: before, hiddenRuns: true }),
      ).toEqual({ ok: true, data: folded.catchUp });
      expect(await sync(plainSocket, before)).toEqual({ ok: true, data: plain.catchUp });
    } finally {
      plainSocket.disconnect();
      runsSocket.disconnect();
    }
  });

  it('refuses a sync whose hiddenRuns is not true, naming the field', async () => {
    const socket = connectSocket(srv.url, ops.cookie);
    try {
      await helloOf(socket);
      const reply = (await socket
        .timeout(10_000)
        .emitWithAck('sync', { afterSeq: before, hiddenRuns: 1 } as never)) as {
        ok: boolean;
        error?: { code: string; issues?: { path: string }[] };
      };
      expect(reply.ok).toBe(false);
      expect(reply.error?.code).toBe('bad_request');
      expect(JSON.stringify(reply.error?.issues)).toContain('hiddenRuns');
    } finally {
      socket.disconnect();
    }
  });
});
