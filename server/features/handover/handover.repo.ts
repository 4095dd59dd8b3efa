import type { Queryable } from '../../db/db.js';
import type { HandoverNote } from '../../../shared/schemas/handover.js';
import { toEvent, type EventRow, type StoredEvent } from '../../events/log.js';

/** The entities a brief compares over time. */
export const BRIEF_ENTITIES = ['shelter', 'service', 'request', 'alert'] as const;

/**
 * Each record's last event at or before `at`: its state then (every event carries the record's
 * full state). Records created later are absent.
 */
export async function statesAt(q: Queryable, at: Date): Promise<StoredEvent[]> {
  const { rows } = await q.query<EventRow>(
    `SELECT DISTINCT ON (entity, entity_id) * FROM events
      WHERE entity = ANY($1::text[]) AND at <= $2
      ORDER BY entity, entity_id, seq DESC`,
    [[...BRIEF_ENTITIES], at],
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
  const { rows } = await q.query<{ ms: string | null }>(
    `SELECT ceil(extract(epoch FROM max(at)) * 1000)::bigint AS ms FROM events
      WHERE entity = ANY($1::text[]) AND type LIKE '%:created' AND actor_user_id IS NULL
        AND data->>'simulated' = 'true'`,
    [[...BRIEF_ENTITIES]],
  );
  return rows[0]?.ms ? new Date(Number(rows[0].ms)) : null;
}

/** The request events after `since`, oldest first (opened and moved during the shift). */
export async function requestEventsSince(q: Queryable, since: Date): Promise<StoredEvent[]> {
  const { rows } = await q.query<EventRow>(
    "SELECT * FROM events WHERE at > $1 AND entity = 'request' ORDER BY seq",
    [since],
  );
  return rows.map(toEvent);
}

/** Notes of one desk (role and organisation) written since `since`, oldest first. */
export async function listNotes(
  q: Queryable,
  desk: { role: string; orgId: string },
  since: Date,
): Promise<HandoverNote[]> {
  const { rows } = await q.query<{ id: string; at: Date; display_name: string; text: string }>(
    `SELECT id, at, display_name, text FROM handover_notes
      WHERE role = $1 AND org_id = $2 AND at > $3 ORDER BY at, id LIMIT 200`,
    [desk.role, desk.orgId, since],
  );
  return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), by: r.display_name, text: r.text }));
}

/** Keep a note for the next shift of the writer's desk. */
export async function insertNote(
  q: Queryable,
  w: { userId: string; displayName: string; role: string; orgId: string },
  text: string,
): Promise<HandoverNote> {
  const { rows } = await q.query<{ id: string; at: Date }>(
    `INSERT INTO handover_notes (user_id, display_name, role, org_id, text) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, at`,
    [w.userId, w.displayName, w.role, w.orgId, text],
  );
  return { id: rows[0]!.id, at: rows[0]!.at.toISOString(), by: w.displayName, text };
}
