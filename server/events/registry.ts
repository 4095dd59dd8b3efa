import type { Ctx } from '../context.js';
import type { Queryable } from '../db/db.js';
import type { Audience } from '../auth/viewer.js';
import type { Snapshot } from '../../shared/events.js';

/** What a part of the snapshot is read with: one repeatable-read transaction, and the parts built before it. */
export interface SnapshotInput {
  ctx: Ctx;
  q: Queryable;
  audience: Audience;
  /** The parts of earlier registrations (their order is the list's in server/features/index.ts). */
  built: Readonly<Partial<Snapshot>>;
}

/** A key of the snapshot. */
export type SnapshotKey = keyof Omit<Snapshot, 'seq'>;

/** A feature's keys of the snapshot, as the audience may see them; a key a role may not read is left out. */
export type SnapshotPart = (input: SnapshotInput) => Promise<Partial<Omit<Snapshot, 'seq'>>>;

/**
 * The current state of a record whose visibility can tighten after the fact (a service hidden or
 * turned into a safe house), so that its past events are projected with it on every path.
 */
export interface CurrentStateSource<R, S> {
  /** The visibility-relevant part of a record (an event's data or a row). */
  of(record: R): S;
  /** The current state of the given records, from the database. */
  load(q: Queryable, ids: readonly string[]): Promise<Map<string, S>>;
  /** Every record's current state, for a process that keeps them up to date from the event stream. */
  loadAll(q: Queryable): Promise<Map<string, S>>;
}

/** What a feature tells the event core about one entity of its events. */
export interface Domain<R = never, S = never> {
  /** The `entity` of its stored events. */
  entity: string;
  /** The record as the audience may see it, or null when it may not see it at all; `current` as kept by `current`. */
  present: (record: R, audience: Audience, current: S | undefined) => unknown;
  /** Who made a change is never shown (always, or for records presented so). */
  anonymous?: boolean | ((shown: unknown) => boolean);
  current?: CurrentStateSource<R, S>;
  snapshotPart?: SnapshotPart;
  /** The snapshot keys `snapshotPart` gives, so a snapshot read in parts reads only the parts it needs. */
  snapshotKeys?: readonly SnapshotKey[];
  /** Keys of earlier parts that `snapshotPart` reads from `built`. */
  snapshotNeeds?: readonly SnapshotKey[];
}

/** A registration as the event core uses it (the record and state types are the feature's business). */
export type AnyDomain = Domain<unknown, unknown>;

const domains = new Map<string, AnyDomain>();

/**
 * Register one entity's presenter, current state and snapshot part. Features register from the one
 * list in server/features/index.ts, so `events/` never imports a feature. Registering the same entity
 * again replaces it (several apps in one test process register the same list).
 */
export function registerDomain<R, S = never>(domain: Domain<R, S>): void {
  domains.set(domain.entity, domain as unknown as AnyDomain);
}

/** The registration of an entity, if any (an unknown entity is hidden from every reader). */
export function domainOf(entity: string): AnyDomain | undefined {
  return domains.get(entity);
}

/** Every registration, in registration order. */
export function allDomains(): readonly AnyDomain[] {
  return [...domains.values()];
}

/** Records as the audience may see them, leaving out those its presenter refuses (null). */
export function presentAll<R, P>(
  records: readonly R[],
  present: (record: R, audience: Audience) => P | null,
  audience: Audience,
): P[] {
  return records.map((r) => present(r, audience)).filter((p): p is P => p !== null);
}
