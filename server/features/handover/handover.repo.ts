import { sql } from 'kysely';
import type { Queryable } from '../../db/db.js';
import { all, first, qb } from '../../db/query.js';
import type { HandoverNote } from '../../../shared/schemas/handover.js';
import { toEvent, type StoredEvent } from '../../events/log.js';

/** The entities a brief compares over time. */
export const BRIEF_ENTITIES = ['shelter', 'service', 'request', 'alert'] as const;

const briefEvents = () => qb.selectFrom('events').where('entity', 'in', [...BRIEF_ENTITIES]);

/**
 * Each record's last event at or before `at`: its state then (every event carries the record's
 * full state). Records created later are absent.
 */
export async function statesAt(q: Queryable, at: Date): Promise<StoredEvent[]> {
  const rows = await all(
    q,
    briefEvents()
      .distinctOn(['entity', 'entity_id'])
      .selectAll()
      .where('at', '<=', at)
      .orderBy('entity')
      .orderBy('entity_id')
      .orderBy('seq', 'desc'),
  );
  return rows.map(toEvent);
}

/**
 * When the demo's seeded picture was complete: the last record the seed created (created by no
 * user and labelled simulated; the replay's records are created by the demo users). Null if none.
 */
export async function seededAt(q: Queryable): Promise<Date | null> {
  // Rounded up to the millisecond: the database keeps microseconds, and a JavaScript time rounded
  // down would leave the seed's last records out of the picture at that time.
  const row = await first(
    q,
    briefEvents()
      .select(sql<string | null>`ceil(extract(epoch FROM max(at)) * 1000)::bigint`.as('ms'))
      .where('type', 'like', '%:created')
      .where('actor_user_id', 'is', null)
      .where(sql<boolean>`data->>'simulated' = 'true'`),
  );
  return row?.ms ? new Date(Number(row.ms)) : null;
}

/** The request events after `since`, oldest first (opened and moved during the shift). */
export async function requestEventsSince(q: Queryable, since: Date): Promise<StoredEvent[]> {
  const rows = await all(
    q,
    qb
      .selectFrom('events')
      .selectAll()
      .where('at', '>', since)
      .where('entity', '=', 'request')
      .orderBy('seq'),
  );
  return rows.map(toEvent);
}

/** Notes of one desk (role and organisation) written since `since`, oldest first. */
export async function listNotes(
  q: Queryable,
  desk: { role: string; orgId: string },
  since: Date,
): Promise<HandoverNote[]> {
  const rows = await all(
    q,
    qb
      .selectFrom('handover_notes')
      .select(['id', 'at', 'display_name', 'text'])
      .where('role', '=', desk.role)
      .where('org_id', '=', desk.orgId)
      .where('at', '>', since)
      .orderBy('at')
      .orderBy('id')
      .limit(200),
  );
  return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), by: r.display_name, text: r.text }));
}

/** Keep a note for the next shift of the writer's desk. */
export async function insertNote(
  q: Queryable,
  w: { userId: string; displayName: string; role: string; orgId: string },
  text: string,
): Promise<HandoverNote> {
  const row = await first(
    q,
    qb
      .insertInto('handover_notes')
      .values({ user_id: w.userId, display_name: w.displayName, role: w.role, org_id: w.orgId, text })
      .returning(['id', 'at']),
  );
  return { id: row!.id, at: row!.at.toISOString(), by: w.displayName, text };
}
