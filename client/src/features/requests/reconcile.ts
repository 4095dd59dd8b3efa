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

/** Apply stream changes to requests and to the threads already loaded on this device. */
export function applyRequestChanges(
  byId: RequestsById,
  threads: Threads,
  changes: readonly Change[],
): { byId: RequestsById; threads: Threads } {
  const records: CoordinationRequest[] = [];
  let nextThreads: Record<string, readonly RequestMessage[]> | null = null;
  for (const c of changes) {
    if (c.type === 'request:created' || c.type === 'request:updated') records.push(c.data);
    else if (c.type === 'request:message-added') {
      records.push(c.data.request);
      const id = c.data.request.id;
      const cur = (nextThreads ?? threads)[id];
      // A thread not opened here is fetched whole when opened; no need to start it from one message.
      if (cur) {
        nextThreads ??= { ...threads };
        nextThreads[id] = addMessages(cur, [c.data.message]);
      }
    }
  }
  return { byId: mergeRequests(byId, records).byId, threads: nextThreads ?? threads };
}
