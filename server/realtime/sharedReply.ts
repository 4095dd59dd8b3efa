import type { Ack, Hello, SyncResult } from '../../shared/events.js';
import { foldHidden } from '../../shared/hiddenRuns.js';

// Values that many sockets are sent as they are (a catch-up page asked for by a thousand sockets
// back at once), with their JSON once made. Keyed by identity; a shared value is frozen, so its
// JSON can never go stale.
const json = new WeakMap<object, string | null>();
// The `{ ok: true, data }` envelope of each shared value, itself shared.
const envelopes = new WeakMap<object, object>();
// The hello carrying each shared catch-up, itself shared.
const hellos = new WeakMap<object, Hello>();
// Each catch-up with its placeholders folded into runs.
const folded = new WeakMap<object, SyncResult>();

/** Mark a frozen value as sent to many sockets unchanged, so the encoder serialises it once. */
export function shareReply<T extends object>(value: T): T {
  if (!Object.isFrozen(value)) throw new Error('A shared reply must be frozen.');
  if (!json.has(value)) json.set(value, null);
  return value;
}

/** The success envelope for `data`: one shared envelope per shared value, else a new one. */
export function okReply<T>(data: T): Ack<T> {
  if (typeof data !== 'object' || data === null || !json.has(data)) return { ok: true, data };
  let envelope = envelopes.get(data);
  if (!envelope) envelopes.set(data, (envelope = shareReply(Object.freeze({ ok: true, data }))));
  return envelope as Ack<T>;
}

/** The hello carrying a catch-up: one shared hello per shared catch-up, else a new one. */
export function helloReply(protocol: number, catchUp: SyncResult): Hello {
  const of = () => ({ protocol, head: catchUp.head, catchUp, hiddenRuns: true as const });
  if (!json.has(catchUp)) return of();
  let hello = hellos.get(catchUp);
  if (!hello || hello.protocol !== protocol) hellos.set(catchUp, (hello = shareReply(Object.freeze(of()))));
  return hello;
}

/**
 * The catch-up with its placeholders as runs (shared/hiddenRuns.ts), for a socket that asked for
 * them: made once per answer, and shared (frozen, serialised once) when the answer is.
 */
export function withHiddenRuns(result: SyncResult): SyncResult {
  if (result.reset) return result;
  let f = folded.get(result);
  if (!f) {
    f = { reset: false, events: foldHidden(result.events), head: result.head };
    if (json.has(result)) {
      Object.freeze(f.events);
      shareReply(Object.freeze(f));
    }
    folded.set(result, f);
  }
  return f;
}

/** A shared value's JSON, made on first use; undefined for anything not shared. */
function jsonOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !json.has(value)) return undefined;
  let s = json.get(value);
  if (s === null || s === undefined) json.set(value, (s = JSON.stringify(value)));
  return s;
}

/** A Socket.IO packet as the encoder sees it. */
interface Packet {
  type: number;
  nsp?: string;
  id?: number;
  data?: unknown;
}
interface Encoder {
  encode(packet: Packet): unknown[];
}

// socket.io-parser's packet types for an event and an ack (its wire format: type, namespace
// unless the main one, ack id, then the JSON array of arguments).
const EVENT = 2;
const ACK = 3;

/**
 * Let the server's encoder reuse a shared value's JSON: an event (its name aside) or ack whose every
 * argument is shared is written from the JSON already made, exactly as the encoder would write it (shared
 * values are built from JSON-stored events, never binary). Every other packet is encoded as before.
 */
export function encodeSharedOnce(encoder: unknown): void {
  const e = encoder as Encoder;
  const encode = e.encode.bind(e);
  e.encode = (packet) => {
    const args = packet.data;
    if ((packet.type !== EVENT && packet.type !== ACK) || !Array.isArray(args) || !args.length)
      return encode(packet);
    // An event's first argument is its name, a string the encoder writes as JSON too.
    const parts = args.map((a, i) =>
      packet.type === EVENT && i === 0 && typeof a === 'string' ? JSON.stringify(a) : jsonOf(a),
    );
    if (parts.some((p) => p === undefined)) return encode(packet);
    let str = String(packet.type);
    if (packet.nsp && packet.nsp !== '/') str += `${packet.nsp},`;
    if (packet.id !== undefined && packet.id !== null) str += String(packet.id);
    return [`${str}[${parts.join(',')}]`];
  };
}
