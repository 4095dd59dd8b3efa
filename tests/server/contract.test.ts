import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  HelloSchema,
  PROTOCOL_VERSION,
  SnapshotPartSchema,
  SnapshotSchema,
  type Hello,
} from '../../shared/events.js';
import { firstScreenDomains, restOf } from '../../shared/snapshotParts.js';
import { DEMO_USERS } from '../../server/demo/seed.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { connectSocket, login } from '../helpers/client.js';

// Strict here: a key the server adds without describing it in SnapshotSchema fails too.
const StrictSnapshot = z.strictObject(SnapshotSchema.shape);
const StrictPart = z.strictObject(SnapshotPartSchema.shape);

describe('the contract in shared/events.ts describes what the server sends', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it.each(DEMO_USERS.map((u) => [u.role, u.username] as const))(
    'the snapshot of the demo %s (%s) parses with SnapshotSchema',
    async (_role, username) => {
      const api = await login(server.url, username);
      const res = await api.get('/api/snapshot');
      expect(res.status).toBe(200);
      const parsed = StrictSnapshot.safeParse(res.body.data);
      expect(parsed.success ? [] : parsed.error.issues.slice(0, 5)).toEqual([]);
      expect(parsed.data?.shelters.length).toBeGreaterThan(0);
    },
  );

  it.each(DEMO_USERS.map((u) => [u.role, u.username] as const))(
    'the first-screen part and the rest of the demo %s (%s) parse with SnapshotPartSchema',
    async (role, username) => {
      const api = await login(server.url, username);
      const first = firstScreenDomains(role, { map: role !== 'shelter_manager' });
      for (const domains of [first, restOf(first)]) {
        const res = await api.get(`/api/snapshot?domains=${domains.join(',')}`);
        expect(res.status).toBe(200);
        const parsed = StrictPart.safeParse(res.body.data);
        expect(parsed.success ? [] : parsed.error.issues.slice(0, 5)).toEqual([]);
      }
    },
  );

  it('the hello on a new socket parses with HelloSchema and carries PROTOCOL_VERSION', async () => {
    const api = await login(server.url, 'ops');
    const socket = connectSocket(server.url, api.cookie);
    try {
      const hello = await new Promise<Hello>((resolve) => socket.once('hello', resolve));
      const parsed = HelloSchema.safeParse(hello);
      expect(parsed.success).toBe(true);
      expect(parsed.data?.protocol).toBe(PROTOCOL_VERSION);
    } finally {
      socket.disconnect();
    }
  });
});
