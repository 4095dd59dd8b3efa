import { afterAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import type { Change, Snapshot, SnapshotPart } from '../../../shared/events.js';
import type { ServicePoint } from '../../../shared/schemas/services.js';
import {
  firstScreenDomains,
  loadPart,
  restOf,
  routeChanges,
  SNAPSHOT_DOMAINS,
  startParts,
  type SnapshotDomain,
} from '../../../shared/snapshotParts.js';
import type { Role } from '../../../shared/enums.js';
import { demoId } from '../../../server/demo/ids.js';
import {
  connected,
  connectSocket,
  DEMO_USERS,
  ReplicaClient,
  type TestSocket,
} from '../../helpers/client.js';
import { useServer } from '../../helpers/server.js';

const HOSPITAL = demoId('service:Quang Ninh General Hospital – one-stop crisis unit');
const part = (domains: readonly SnapshotDomain[]) => `/api/snapshot?domains=${domains.join(',')}`;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('the snapshot in parts (GET /api/snapshot?domains=…)', () => {
  const t = useServer({ ...DEMO_USERS, manager: 'shelter' });
  const as = t.as;
  const sockets: TestSocket[] = [];
  afterAll(() => sockets.forEach((s) => s.disconnect()));

  it.each(Object.entries(DEMO_USERS))(
    'each part of the %s is the whole snapshot’s, key for key (the same presenters filter it)',
    async (role) => {
      const api = as[role as keyof typeof DEMO_USERS];
      const whole = (await api.get<Snapshot>('/api/snapshot')).body.data!;
      const first = firstScreenDomains(role as Role, { map: true });
      for (const domains of [first, restOf(first)]) {
        const p = (await api.get<SnapshotPart>(part(domains))).body.data!;
        expect(p.seq).toBe(whole.seq);
        expect(p.domains).toEqual(domains);
        const covered = Object.fromEntries(domains.flatMap((d) => (d in whole ? [[d, whole[d]]] : [])));
        expect(p).toEqual({ seq: whole.seq, domains, ...covered });
      }
    },
  );

  it('a shelter manager’s first part holds only the first screen; the rest comes after, and a change made in between is in the picture exactly once', async () => {
    const first = firstScreenDomains('shelter_manager', { map: false });
    const head = await as.manager.get<SnapshotPart>(part(first));
    expect(head.status).toBe(200);
    const p1 = head.body.data!;
    expect(Object.keys(p1).sort()).toEqual(['seq', 'domains', ...first].sort());
    expect(p1.shelters!.length).toBeGreaterThan(0);
    const whole = (await as.manager.get('/api/snapshot')).body;
    expect(gzipSync(JSON.stringify(head.body)).length).toBeLessThan(
      gzipSync(JSON.stringify(whole)).length * 0.6,
    );

    // The client as the dashboard runs it: the stream from the first part's seq, over socket.io.
    const socket = connectSocket(t.srv.url, as.manager.cookie);
    sockets.push(socket);
    const replica = new ReplicaClient(socket, p1.seq);
    await connected(socket);
    await replica.catchUp();
    let parts = loadPart(startParts(SNAPSHOT_DOMAINS), p1.seq, first).state;
    const handed = new Map<SnapshotDomain, Change[]>();
    const routeApplied = (from: number) => {
      const step = routeChanges(parts, replica.applied.slice(from));
      parts = step.state;
      for (const d of SNAPSHOT_DOMAINS) handed.set(d, [...(handed.get(d) ?? []), ...step.take(d)]);
      return replica.applied.length;
    };
    let routed = 0;

    // In between: the hospital's provider reports it closed; the manager's stream carries it.
    const before = (await as.service_provider.get<ServicePoint>(`/api/services/${HOSPITAL}`)).body.data!;
    const closed = await as.service_provider.send('POST', `/api/services/${HOSPITAL}/availability`, {
      version: before.version,
      status: 'closed',
      reasons: ['flooded'],
    });
    expect(closed.status).toBeLessThan(300);
    const isHospital = (c: Change) => c.type === 'service:availability-changed' && c.data.id === HOSPITAL;
    await until(() => replica.applied.some(isHospital), 'the closing over the socket');
    const closeSeq = replica.applied.find(isHospital)!.seq;
    routed = routeApplied(routed);
    // Not loaded yet: the services domain takes nothing, the change waits for its part.
    expect(handed.get('services')).toEqual([]);

    const rest = restOf(first);
    const p2 = (await as.manager.get<SnapshotPart>(part(rest))).body.data!;
    expect(p2.domains).toEqual(rest);
    expect(p2.seq).toBeGreaterThanOrEqual(closeSeq);
    for (const d of first) expect(p2).not.toHaveProperty(d);
    expect(p2.services!.find((s) => s.id === HOSPITAL)?.availability.status).toBe('closed');
    const loaded = loadPart<SnapshotDomain, Change>(parts, p2.seq, rest);
    parts = loaded.state;
    // The part holds the closing already: it is not handed again.
    expect(loaded.replay('services').filter(isHospital)).toEqual([]);
    expect(parts.awaiting.size).toBe(0);

    // After the rest: it reopens, and the services domain takes that once.
    const now = (await as.service_provider.get<ServicePoint>(`/api/services/${HOSPITAL}`)).body.data!;
    await as.service_provider.send('POST', `/api/services/${HOSPITAL}/availability`, {
      version: now.version,
      status: 'open',
    });
    await until(() => replica.applied.filter(isHospital).length === 2, 'the reopening over the socket');
    routeApplied(routed);
    const taken = handed.get('services')!.filter(isHospital);
    expect(taken.map((c) => c.seq)).toHaveLength(1);
    expect(taken[0]!.seq).toBeGreaterThan(p2.seq);
    // And the stream itself stayed gap-free and applied each seq once.
    const seqs = replica.applied.map((c) => c.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('records a read of incident figures through a part that carries them, and none through one that does not', async () => {
    type Row = { action: string; resource: string; username: string | null };
    const reads = async () =>
      (await as.admin.get<Row[]>('/api/audit?limit=500')).body.data!.filter(
        (r) => r.action === 'read' && r.resource === 'snapshot.incidents' && r.username === 'gbv',
      ).length;
    const start = await reads();
    expect((await as.gbv_coordinator.get<SnapshotPart>(part(['shelters']))).body.data).not.toHaveProperty(
      'incidents',
    );
    expect(await reads()).toBe(start);
    expect(
      (await as.gbv_coordinator.get<SnapshotPart>(part(['incidents']))).body.data!.incidents,
    ).toBeDefined();
    expect(await reads()).toBe(start + 1);
  });

  it('refuses a bad domains list with a 400 naming the field', async () => {
    for (const q of ['domains=', 'domains=nope', 'domains=shelters,shelters', 'domains=inAlert']) {
      const r = await as.ops_officer.get(`/api/snapshot?${q}`);
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toContain('domains');
    }
  });
});
