import type { Logger } from '../logger.js';
import type { AppSocket, Io } from './io.js';

// How often queued output per socket is measured.
const BUFFER_SWEEP_MS = 1000;

/**
 * Bytes queued for a socket and not yet taken by the network: engine.io's unsent packets plus
 * what the TCP socket holds in its write buffer. engine.io marks writeBuffer private, but it and
 * the upgrade request's socket are the only measure of a client that stopped reading.
 */
export function bufferedBytes(socket: AppSocket): number {
  const conn = socket.conn as unknown as {
    writeBuffer: { data?: unknown }[];
    request?: { socket?: { writableLength?: number } };
  };
  let bytes = conn.request?.socket?.writableLength ?? 0;
  for (const p of conn.writeBuffer) {
    if (typeof p.data === 'string') bytes += p.data.length;
    else if (p.data instanceof ArrayBuffer || ArrayBuffer.isView(p.data)) bytes += p.data.byteLength;
  }
  return bytes;
}

/** Cuts off a socket whose queued output passed `maxBytes`; it reconnects and catches up page by page. */
export type OverBuffer = (socket: AppSocket) => boolean;

/** The byte bound on each socket's queued output, checked on demand and swept every second. */
export function boundBuffers(
  io: Io,
  maxBytes: number,
  log: Logger,
): { overBuffer: OverBuffer; stop(): void } {
  const overBuffer: OverBuffer = (socket) => {
    const bytes = bufferedBytes(socket);
    if (bytes <= maxBytes) return false;
    log.warn({ socket: socket.id, bytes }, 'disconnecting a client that stopped reading');
    socket.disconnect(true);
    return true;
  };
  // A client that stopped reading makes its output pile up in memory: cut it off by bytes queued.
  const sweep = setInterval(() => {
    for (const socket of io.of('/').sockets.values()) overBuffer(socket);
  }, BUFFER_SWEEP_MS);
  sweep.unref();
  return { overBuffer, stop: () => clearInterval(sweep) };
}

// Queued answers run back to back for at most this long, then the loop takes its turn.
const ANSWER_TURN_MS = 4;

/**
 * A queue that runs answers a few milliseconds' worth per event-loop turn (one at least), so that
 * many sockets catching up at once never hold the loop for long: other requests (health checks,
 * writes) run in between, and cheap answers (a page already serialised) do not wait a turn each.
 */
export function answerQueue(turnMs = ANSWER_TURN_MS): (fn: () => void) => void {
  const answers: (() => void)[] = [];
  let answering = false;
  const answerNext = () => {
    const until = performance.now() + turnMs;
    do answers.shift()?.();
    while (answers.length && performance.now() < until);
    if (answers.length) setImmediate(answerNext);
    else answering = false;
  };
  return (fn) => {
    answers.push(fn);
    if (!answering) {
      answering = true;
      setImmediate(answerNext);
    }
  };
}
