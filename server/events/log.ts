import { sql, type Selectable } from 'kysely';
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

/**
 * Append the events of several writes committing together (a group commit): the counter is taken
 * once for all of them, and each group gets its seqs in the order given. Returns the stored events
 * per group.
 */
export async function appendEventGroups(
  q: Queryable,
  groups: readonly { events: readonly NewEvent[]; actor: Actor }[],
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
  if (rows.length === 0) return groups.map(() => []);
  // One statement takes the seqs and inserts the rows, so the counter lock is held for a single
  // round trip plus the commit.
  const n = rows.length;
  const inserted = await all(
    q,
    qb
      .with('c', (db) =>
        db
          .updateTable('event_counter')
          .set({ seq: sql`seq + ${n}` })
          .where('id', '=', 1)
          .returning(sql<number>`seq - ${n}`.as('base')),
      )
      .insertInto('events')
      .columns(['seq', 'type', 'entity', 'entity_id', 'data', 'changes', 'actor_user_id', 'actor_org_id'])
      .expression((db) =>
        db
          .selectFrom([
            'c',
            sql<{
              ord: number;
              type: string;
              entity: string;
              entity_id: string;
              data: unknown;
              changes: unknown;
              actor_user_id: string | null;
              actor_org_id: string | null;
            }>`jsonb_to_recordset(${json(rows)}::jsonb)`.as(
              sql`e(ord int, type text, entity text, entity_id uuid, data jsonb, changes jsonb, actor_user_id uuid, actor_org_id uuid)`,
            ),
          ])
          .select([
            sql<number>`c.base + e.ord`.as('seq'),
            sql`e.type`.as('type'),
            sql`e.entity`.as('entity'),
            sql`e.entity_id`.as('entity_id'),
            sql`e.data`.as('data'),
            sql`e.changes`.as('changes'),
            sql<string | null>`e.actor_user_id`.as('actor_user_id'),
            sql<string | null>`e.actor_org_id`.as('actor_org_id'),
          ]),
      )
      .returningAll(),
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
