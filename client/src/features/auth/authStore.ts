import { create } from 'zustand';
import type { Me } from '../../../../shared/schemas/auth.js';
import { api } from '../../lib/api.js';

// The device copy and the outbox (IndexedDB) are fetched only when needed: the sign-in form must not wait for them.
const deviceCopy = () => import('../../realtime/deviceCopy.js');

/** Outcome of a sign-in attempt. */
export type LoginResult =
  { ok: true } | { ok: false; reason: 'bad_credentials' | 'offline' | 'other'; message: string };

interface AuthState {
  status: 'checking' | 'signed_out' | 'signed_in';
  me: Me | null;
  check: () => Promise<void>;
  login: (username: string, password: string) => Promise<LoginResult>;
  logout: () => Promise<void>;
  /** The server said 401: the session ended. */
  expire: () => void;
}

const BUSY_RETRIES = 3;

/**
 * Whether this device had a session when last seen. Without one the sign-in form shows at once and
 * `/api/me` is asked beside it, instead of a splash for a round trip (0.4 s and more on a slow link);
 * the answer still wins, so a session the device forgot opens the app a moment later.
 */
const SESSION_HINT = 'shr.session';
function hadSession(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT) === '1';
  } catch {
    return true;
  }
}
function rememberSession(on: boolean): void {
  try {
    if (on) localStorage.setItem(SESSION_HINT, '1');
    else localStorage.removeItem(SESSION_HINT);
  } catch {
    // Storage off: the splash shows while /api/me is asked, as before.
  }
}

export const useAuthStore = create<AuthState>()((set, get) => ({
  status: hadSession() ? 'checking' : 'signed_out',
  me: null,
  check: async () => {
    const reply = await api.get<Me>('/api/me');
    if (reply.ok) return set({ status: 'signed_in', me: reply.data });
    if (reply.status === 0) {
      // No link: open as the user who signed in last on this device, with what it kept for them.
      // The server still decides: its first 401 once the link is back shows the sign-in form.
      const [{ readCurrentUser }, { restoreCopy }] = await Promise.all([
        import('../../lib/deviceDb.js'),
        deviceCopy(),
      ]);
      const userId = await readCurrentUser();
      const copy = userId ? await restoreCopy(userId) : null;
      if (copy) return set({ status: 'signed_in', me: copy.me });
    }
    set({ status: 'signed_out', me: null });
  },
  login: async (username, password) => {
    let reply = await api.post<Me>('/api/auth/login', { username, password });
    // 'busy': the server checked no password (too many sign-ins at once); a short wait usually gets in.
    for (let i = 0; i < BUSY_RETRIES && !reply.ok && reply.error.code === 'busy'; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      reply = await api.post<Me>('/api/auth/login', { username, password });
    }
    if (reply.ok) {
      set({ status: 'signed_in', me: reply.data });
      return { ok: true };
    }
    if (reply.status === 0) return { ok: false, reason: 'offline', message: reply.error.message };
    if (reply.status === 401 || reply.status === 400)
      return { ok: false, reason: 'bad_credentials', message: reply.error.message };
    return { ok: false, reason: 'other', message: reply.error.message };
  },
  logout: async () => {
    const me = get().me;
    await api.post('/api/auth/logout');
    // Signing out leaves nothing of the user on the device: the kept state and any writes not yet sent.
    if (me) {
      const [{ useOutboxStore }, { forgetUser }] = await Promise.all([
        import('../outbox/outboxStore.js'),
        deviceCopy(),
      ]);
      useOutboxStore.getState().close();
      await useOutboxStore.getState().saved();
      await forgetUser(me.id);
    }
    set({ status: 'signed_out', me: null });
  },
  expire: () => set({ status: 'signed_out', me: null }),
}));

useAuthStore.subscribe((s, prev) => {
  if (s.status !== prev.status && s.status !== 'checking') rememberSession(s.status === 'signed_in');
});
