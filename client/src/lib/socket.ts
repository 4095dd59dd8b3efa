import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/events.js';

/** The typed socket between this client and the server. */
export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AppSocket | null = null;

/**
 * The one Socket.IO client of the app, same origin, authenticated by the session cookie.
 * Created unconnected: realtime/ connects it once a snapshot is loaded.
 */
export function getSocket(): AppSocket {
  socket ??= io({
    path: '/socket.io',
    withCredentials: true,
    autoConnect: false,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
  });
  return socket;
}
