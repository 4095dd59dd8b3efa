import type { Selectable } from 'kysely';
import type { ChangeType } from '../../shared/events.js';
import type { Queryable } from '../db/db.js';
import { all, first, json, qb } from '../db/query.js';
import type { EventsTable } from '../db/schema.js';

/** An event to append: the record's full new state; projection per audience happens on the way out. */
export interface NewEvent {
  type: ChangeType;
  entity: string;
  entityId: string;
  data: unknown;
  /** The fields that changed (for history); null on create. */
  changes?: Record<string, unknown> | null;
}

/**
 * The event of a change to one record whose entity is its type's prefix (`shelter:updated` is about a
 * `shelter`): the record's full new state, and the fields that changed (null on create).
 */
export function recordEvent(
  type: ChangeType,
  record: { id: string },
  changes: Record<string, unknown> | null = null,
): NewEvent {
  return { type, entity: type.slice(0, type.indexOf(':')), entityId: record.id, data: record, changes };
}

/** An event as stored and as carried on the bus between processes. */
export interface StoredEvent extends Required<NewEvent> {
  seq: number;
  actorUserId: string | null;
  actorOrgId: string | null;
  at: string;
}

/** An events row as the driver returns it (bigint seq may come back as text). */
export type EventRow = Omit<Selectable<EventsTable>, 'seq'> & { seq: number | string };

/** A stored row as an event. */
export const toEvent = (r: EventRow): StoredEvent => ({
  seq: Number(r.seq),
  // The type column holds only ChangeTypes and changes only objects: appendEvents writes them.
  type: r.type as ChangeType,
  entity: r.entity,
  entityId: r.entity_id,
  data: r.data,
  changes: r.changes as Record<string, unknown> | null,
  actorUserId: r.actor_user_id,
  actorOrgId: r.actor_org_id,
  at: r.at.toISOString(),
});

/** Who made a change (recorded on its events). */
export interface Actor {
  userId: string | null;
  orgId: string | null;
}

/**
 * Append events inside the writing transaction. Taking the counter row last keeps its lock short;
 * the lock is held until commit, so seqs are gap-free and commit in increasing order.
 */
export async function appendEvents(
  q: Queryable,
  events: readonly NewEvent[],
  actor: Actor,
): Promise<StoredEvent[]> {
  return (await appendEventGroups(q, [{ events, actor }]))[0]!;
}

/** An Idempotency-Key as a write claims it: whose, the key, and the hash of its request. */
export interface KeyClaim {
  userId: string;
  key: string;
  requestHash: string;
}

/** The reply stored under a key by the write that used it first. */
export interface PriorReply {
  requestHash: string;
  status: number;
  body: unknown;
}

const keyId = (c: { userId: string; key: string }) => `${c.userId.toLowerCase()}\u0000${c.key}`;

/**
 * Claim the Idempotency-Keys of a batch's writes, in one statement: a key not used before is
 * inserted (its reply stored by appendEventGroups, in the same transaction); a key inserted by a
 * transaction still running is waited for (its insert waits on the row) and then, like a key
 * committed before, is answered with its stored reply (a second statement, only then). The keys
 * are inserted in one order (user, key) in every batch of every process, so two batches never
 * wait on each other's keys. Returns, by index in `claims`, the stored replies of the keys used
 * before, and the claims that repeat an earlier claim of the same batch (`later`: not claimed).
 */
export async function claimKeys(
  q: Queryable,
  claims: readonly KeyClaim[],
): Promise<{ prior: Map<number, PriorReply>; later: Set<number> }> {
  const later = new Set<number>();
  const firstOf = new Map<string, number>();
  claims.forEach((c, i) => {
    const id = keyId(c);
    if (firstOf.has(id)) later.add(i);
    else firstOf.set(id, i);
  });
  const order = [...firstOf].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, i]) => i);
  const rows = order.map((i, ord) => ({
    ord,
    user_id: claims[i]!.userId,
    key: claims[i]!.key,
    request_hash: claims[i]!.requestHash,
  }));
  const { rows: inserted } = await q.query<{ user_id: string; key: string }>(
    `INSERT INTO idempotency_keys (user_id, key, request_hash, status, body)
     SELECT c.user_id, c.key, c.request_hash, 0, 'null'::jsonb
     FROM jsonb_to_recordset($1::jsonb) AS c(ord int, user_id uuid, key text, request_hash text)
     ORDER BY c.ord
     ON CONFLICT DO NOTHING
     RETURNING user_id, key`,
    [json(rows)],
  );
  const prior = new Map<number, PriorReply>();
  if (inserted.length === order.length) return { prior, later };
  const mine = new Set(inserted.map((r) => keyId({ userId: r.user_id, key: r.key })));
  const used = order.filter((i) => !mine.has(keyId(claims[i]!)));
  const { rows: stored } = await q.query<{
    user_id: string;
    key: string;
    request_hash: string;
    status: number;
    body: unknown;
  }>(
    `SELECT k.user_id, k.key, k.request_hash, k.status, k.body
     FROM idempotency_keys k JOIN jsonb_to_recordset($1::jsonb) AS c(user_id uuid, key text)
       ON k.user_id = c.user_id AND k.key = c.key`,
    [json(used.map((i) => ({ user_id: claims[i]!.userId, key: claims[i]!.key })))],
  );
  const byId = new Map(stored.map((r) => [keyId({ userId: r.user_id, key: r.key }), r]));
  for (const i of used) {
    const r = byId.get(keyId(claims[i]!))!;
    prior.set(i, { requestHash: r.request_hash, status: r.status, body: r.body });
  }
  return { prior, later };
}

/** What becomes of a batch's claimed keys at its end: replies to store, claims to give up. */
export interface KeyOutcomes {
  replies: readonly (KeyClaim & { status: number; body: unknown })[];
  released: readonly KeyClaim[];
}

// The key statements of appendEventGroups, as CTEs ($3 the replies, $4 the released claims).
const KEY_CTES = `r AS (
    UPDATE idempotency_keys k SET status = r.status, body = COALESCE(r.body, 'null'::jsonb)
    FROM jsonb_to_recordset($3::jsonb) AS r(user_id uuid, key text, status int, body jsonb)
    WHERE k.user_id = r.user_id AND k.key = r.key RETURNING 1
  ), d AS (
    DELETE FROM idempotency_keys k USING jsonb_to_recordset($4::jsonb) AS d(user_id uuid, key text)
    WHERE k.user_id = d.user_id AND k.key = d.key RETURNING 1
  )`;
const keyRows = (keys: KeyOutcomes) => [
  json(keys.replies.map((r) => ({ user_id: r.userId, key: r.key, status: r.status, body: r.body }))),
  json(keys.released.map((r) => ({ user_id: r.userId, key: r.key }))),
];

/**
 * Append the events of several writes committing together (a group commit): the counter is taken
 * once for all of them, and each group gets its seqs in the order given. The same statement stores
 * the replies under the writes' keys and gives up the claims of writes that did not go through
 * (`keys`), so a write's key costs no round trip of its own. Returns the stored events per group.
 */
export async function appendEventGroups(
  q: Queryable,
  groups: readonly { events: readonly NewEvent[]; actor: Actor }[],
  keys: KeyOutcomes = { replies: [], released: [] },
): Promise<StoredEvent[][]> {
  const rows = groups
    .flatMap((g) => g.events.map((e) => ({ e, actor: g.actor })))
    .map(({ e, actor }, i) => ({
      ord: i + 1,
      type: e.type,
      entity: e.entity,
      entity_id: e.entityId,
      data: e.data,
      changes: e.changes ?? null,
      actor_user_id: actor.userId,
      actor_org_id: actor.orgId,
    }));
  const anyKeys = keys.replies.length > 0 || keys.released.length > 0;
  if (rows.length === 0) {
    // No events: the counter is not taken at all.
    if (anyKeys)
      await q.query(`WITH ${KEY_CTES.replaceAll('$3', '$1').replaceAll('$4', '$2')} SELECT 1`, keyRows(keys));
    return groups.map(() => []);
  }
  // One statement takes the seqs and inserts the rows (and settles the keys), so the counter lock
  // is held for a single round trip plus the commit.
  const { rows: inserted } = await q.query<EventRow>(
    `WITH c AS (
       UPDATE event_counter SET seq = seq + $1::int WHERE id = 1 RETURNING seq - $1::int AS base
     ), ${KEY_CTES}
     INSERT INTO events (seq, type, entity, entity_id, data, changes, actor_user_id, actor_org_id)
     SELECT c.base + e.ord, e.type, e.entity, e.entity_id, e.data, e.changes, e.actor_user_id, e.actor_org_id
     FROM c, jsonb_to_recordset($2::jsonb) AS e(ord int, type text, entity text, entity_id uuid, data jsonb,
       changes jsonb, actor_user_id uuid, actor_org_id uuid)
     RETURNING *`,
    [rows.length, json(rows), ...keyRows(keys)],
  );
  const stored = inserted.map(toEvent).sort((a, b) => a.seq - b.seq);
  let at = 0;
  return groups.map((g) => stored.slice(at, (at += g.events.length)));
}

/** Events after `after`, oldest first, at most `limit`. */
export async function readEventsAfter(q: Queryable, after: number, limit: number): Promise<StoredEvent[]> {
  const rows = await all(
    q,
    qb.selectFrom('events').selectAll().where('seq', '>', after).orderBy('seq').limit(limit),
  );
  return rows.map(toEvent);
}

/** The events of one record, oldest first (its history). */
export async function readEntityEvents(
  q: Queryable,
  entity: string,
  entityId: string,
): Promise<StoredEvent[]> {
  const rows = await all(
    q,
    qb
      .selectFrom('events')
      .selectAll()
      .where('entity', '=', entity)
      .where('entity_id', '=', entityId)
      .orderBy('seq'),
  );
  return rows.map(toEvent);
}

/** The newest committed seq. */
export async function headSeq(q: Queryable): Promise<number> {
  const row = await first(q, qb.selectFrom('event_counter').select('seq').where('id', '=', 1));
  return Number(row!.seq);
}
