import { describe, expect, it, vi } from 'vitest';
import { handshakeAuth, type Handshaking } from '../../../server/realtime/io.js';
import { SESSION_COOKIE } from '../../../server/auth/sessions.js';
import { audienceKey, type Viewer } from '../../../server/auth/viewer.js';
import { DbUnavailableError } from '../../../server/db/db.js';

const viewer: Viewer = {
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'ops',
  displayName: 'Ops',
  orgId: '00000000-0000-4000-8000-000000000002',
  orgName: 'Org',
  role: 'ops_officer',
  scope: ['01'],
  sessionId: '00000000-0000-4000-8000-000000000003',
};

/** Run the middleware on a handshake with this cookie header; resolves with what `next` got. */
function handshake(lookup: (token: string | undefined) => Promise<Viewer | null>, cookie?: string) {
  const socket: Handshaking = { handshake: { headers: cookie === undefined ? {} : { cookie } }, data: {} };
  return new Promise<{ err: Error | undefined; socket: Handshaking }>((resolve) =>
    handshakeAuth(lookup)(socket, (err) => resolve({ err, socket })),
  );
}

describe('socket handshake auth', () => {
  it('looks the session cookie up and keeps the viewer on the socket', async () => {
    const lookup = vi.fn(() => Promise.resolve(viewer));
    const { err, socket } = await handshake(lookup, `a=b; ${SESSION_COOKIE}=tok123; c=d`);
    expect(err).toBeUndefined();
    expect(lookup).toHaveBeenCalledWith('tok123');
    expect(socket.data).toEqual({
      userId: viewer.userId,
      username: 'ops',
      sessionId: viewer.sessionId,
      audience: audienceKey(viewer),
    });
  });

  it('refuses a handshake without the cookie as unauthenticated', async () => {
    const lookup = vi.fn(() => Promise.resolve(null));
    const { err, socket } = await handshake(lookup);
    expect(err?.message).toBe('unauthenticated');
    expect(lookup).toHaveBeenCalledWith(undefined);
    expect(socket.data).toEqual({});
  });

  it('refuses an unknown or ended session as unauthenticated', async () => {
    const { err } = await handshake(() => Promise.resolve(null), `${SESSION_COOKIE}=gone`);
    expect(err?.message).toBe('unauthenticated');
  });

  it('says unavailable when the database cannot answer, and internal on any other failure', async () => {
    const down = await handshake(() => Promise.reject(new DbUnavailableError('down')), `${SESSION_COOKIE}=x`);
    expect(down.err?.message).toBe('unavailable');
    const broken = await handshake(() => Promise.reject(new Error('bug')), `${SESSION_COOKIE}=x`);
    expect(broken.err?.message).toBe('internal');
    expect(broken.socket.data).toEqual({});
  });
});
