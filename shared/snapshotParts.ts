import type { Role } from './enums.js';

/**
 * The domains a snapshot can be read in parts by (GET /api/snapshot?domains=…): every key of the
 * whole snapshot but `seq` and `inAlert` (the client works flags out from the alerts itself).
 */
export const SNAPSHOT_DOMAINS = [
  'shelters',
  'organisations',
  'services',
  'stockTotals',
  'alerts',
  'requests',
  'gbvAlerts',
  'careAlerts',
  'incidents',
  'coordinationRoles',
] as const;
/** A domain of the snapshot (its schema, `SnapshotDomainSchema`, is in events.ts: this file stays free of zod for the client's first chunk). */
export type SnapshotDomain = (typeof SNAPSHOT_DOMAINS)[number];

/**
 * What the first screen after sign-in shows, so the first snapshot part carries only that. Every role
 * lands on the shelter list: the shelters, the alerts that flag them, and the organisations the panel
 * names (a shelter manager's one shelter opens at once). Ops and GBV coordinators see the duty-of-care
 * list above it, a GBV coordinator the GBV alert banner, and the map draws services, requests and
 * incident areas. A domain the role may not read is still listed: the part leaves its key out.
 */
export function firstScreenDomains(role: Role, opts: { map: boolean }): SnapshotDomain[] {
  const out: SnapshotDomain[] = ['shelters', 'alerts', 'organisations'];
  if (role === 'ops_officer' || role === 'gbv_coordinator') out.push('careAlerts');
  if (role === 'gbv_coordinator') out.push('gbvAlerts');
  if (opts.map) out.push('services', 'requests', 'incidents');
  return out;
}

/** The domains not in `first`, in SNAPSHOT_DOMAINS order: the second part. */
export function restOf(first: readonly SnapshotDomain[]): SnapshotDomain[] {
  return SNAPSHOT_DOMAINS.filter((d) => !first.includes(d));
}

/**
 * Where each domain of a picture loaded in parts stands against the one event stream. A domain not
 * yet loaded takes no change; what the stream releases meanwhile is kept in `buffered` and handed to
 * it, after its part's seq, when the part comes. A loaded domain takes only changes past the seq of
 * the part it came in, so a change is in a domain's picture exactly once: in its part or applied.
 */
export interface PartsState<D extends string = string> {
  /** The seq each loaded domain's part is current to. */
  loadedAt: ReadonlyMap<D, number>;
  /** Changes released while some domain had not arrived, oldest first. */
  buffered: readonly { seq: number }[];
  /** Domains still to come. */
  awaiting: ReadonlySet<D>;
}

/** Nothing loaded yet; `domains` are the ones to come. */
export function startParts<D extends string>(domains: readonly D[]): PartsState<D> {
  return { loadedAt: new Map(), buffered: [], awaiting: new Set(domains) };
}

/**
 * Released changes, in seq order: which of them each domain takes now (`take(d)`), and the state
 * with them buffered for the domains still to come.
 */
export function routeChanges<D extends string, T extends { seq: number }>(
  state: PartsState<D>,
  changes: readonly T[],
): { state: PartsState<D>; take: (d: D) => T[] } {
  const next = state.awaiting.size > 0 ? { ...state, buffered: [...state.buffered, ...changes] } : state;
  return {
    state: next,
    take: (d) => {
      const at = state.loadedAt.get(d);
      // A domain that is neither loaded nor awaited (one the snapshot does not fill) takes everything.
      if (at === undefined) return state.awaiting.has(d) ? [] : [...changes];
      return changes.filter((c) => c.seq > at);
    },
  };
}

/**
 * A part current to `seq` came with `domains`. Only domains still awaited take it (a part overtaken
 * by a whole snapshot is dropped; pass `replace` for a whole snapshot, which every domain takes);
 * each takes the buffered changes past `seq`, returned by `replay(d)`.
 */
export function loadPart<D extends string, T extends { seq: number }>(
  state: PartsState<D>,
  seq: number,
  domains: readonly D[],
  opts: { replace?: boolean } = {},
): { state: PartsState<D>; taken: D[]; replay: (d: D) => T[] } {
  const taken = domains.filter((d) => opts.replace || state.awaiting.has(d));
  const loadedAt = new Map(state.loadedAt);
  const awaiting = new Set(state.awaiting);
  for (const d of taken) {
    loadedAt.set(d, seq);
    awaiting.delete(d);
  }
  const after = (state.buffered as T[]).filter((c) => c.seq > seq);
  return {
    state: { loadedAt, awaiting, buffered: awaiting.size > 0 ? state.buffered : [] },
    taken,
    replay: (d) => (taken.includes(d) ? after : []),
  };
}
