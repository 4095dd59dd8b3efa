import type { Change } from '../../../../shared/events.js';
import type { CoordinationRequest, RequestMessage } from '../../../../shared/schemas/requests.js';
import { mergeById, type ById, type Merged } from '../../lib/byId.js';

/** Requests by id. */
export type RequestsById = ById<CoordinationRequest>;
/** Loaded threads by request id, oldest message first. */
export type Threads = Readonly<Record<string, readonly RequestMessage[]>>;

/**
 * Keep the newer copy of a request. A message moves `messageCount` and `updatedAt` without a
 * version bump (it does not conflict with a status change), so an equal version with more
 * messages is newer too.
 */
export function reconcileRequest(
  current: CoordinationRequest | undefined,
  incoming: CoordinationRequest,
): CoordinationRequest {
  if (!current || incoming.version > current.version) return incoming;
  if (incoming.version === current.version && incoming.messageCount > current.messageCount) return incoming;
  return current;
}

/** Merge request records (a pure reducer). */
export function mergeRequests(
  byId: RequestsById,
  incoming: readonly CoordinationRequest[],
): Merged<CoordinationRequest> {
  return mergeById(byId, incoming, reconcileRequest);
}

/** Add messages to a thread: each once, oldest first. */
export function addMessages(
  thread: readonly RequestMessage[],
  incoming: readonly RequestMessage[],
): RequestMessage[] {
  const byId = new Map(thread.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}

/** The request records a batch of changes carries (a message moves its request's count), in seq order. */
export function requestsIn(changes: readonly Change[]): CoordinationRequest[] {
  const out: CoordinationRequest[] = [];
  for (const c of changes) {
    if (c.type === 'request:created' || c.type === 'request:updated') out.push(c.data);
    else if (c.type === 'request:message-added') out.push(c.data.request);
  }
  return out;
}

/** Apply stream changes to the requests map (a pure reducer). */
export function applyRequestChanges(
  byId: RequestsById,
  changes: readonly Change[],
): Merged<CoordinationRequest> {
  return mergeRequests(byId, requestsIn(changes));
}

/** Apply pushed messages to the threads already loaded on this device (a pure reducer). */
export function applyThreadChanges(threads: Threads, changes: readonly Change[]): Threads {
  let next: Record<string, readonly RequestMessage[]> | null = null;
  for (const c of changes) {
    if (c.type !== 'request:message-added') continue;
    const id = c.data.request.id;
    const cur = (next ?? threads)[id];
    // A thread not opened here is fetched whole when opened; no need to start it from one message.
    if (!cur) continue;
    next ??= { ...threads };
    next[id] = addMessages(cur, [c.data.message]);
  }
  return next ?? threads;
}
