import type { Queryable } from '../../db/db.js';

/** One CAP message taken in, and the alert it changed. */
export interface CapMessageRow {
  sender: string;
  identifier: string;
  sent: string;
  msgType: string;
  alertId: string;
}

/** The alert a message (sender, identifier) changed, if it was taken in before. */
export async function findCapMessage(
  q: Queryable,
  sender: string,
  identifier: string,
): Promise<CapMessageRow | null> {
  const { rows } = await q.query<{ alert_id: string; sent: string; msg_type: string }>(
    'SELECT alert_id, sent, msg_type FROM cap_messages WHERE sender = $1 AND identifier = $2',
    [sender, identifier],
  );
  const r = rows[0];
  return r ? { sender, identifier, sent: r.sent, msgType: r.msg_type, alertId: r.alert_id } : null;
}

/** Record a message taken in; false when it was already there (a concurrent post of the same one). */
export async function insertCapMessage(q: Queryable, m: CapMessageRow): Promise<boolean> {
  const { rows } = await q.query(
    `INSERT INTO cap_messages (sender, identifier, sent, msg_type, alert_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING identifier`,
    [m.sender, m.identifier, m.sent, m.msgType, m.alertId],
  );
  return rows.length > 0;
}
