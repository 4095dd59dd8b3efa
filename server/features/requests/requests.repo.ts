import type { Queryable } from '../../db/db.js';
import { columnsOf, recordTable } from '../../db/records.js';
import {
  CoordinationRequestSchema,
  type CoordinationRequest,
  type RequestMessage,
} from '../../../shared/schemas/requests.js';

/** Coordination requests. */
export const requestTable = recordTable<CoordinationRequest>(
  'coordination_requests',
  columnsOf(CoordinationRequestSchema, { ts: ['neededBy'] }),
);

interface MessageRow {
  id: string;
  request_id: string;
  org_id: string | null;
  user_id: string | null;
  text: string;
  created_at: Date;
}
const toMessage = (r: MessageRow): RequestMessage => ({
  id: r.id,
  requestId: r.request_id,
  orgId: r.org_id,
  userId: r.user_id,
  text: r.text,
  createdAt: r.created_at.toISOString(),
});

/** Add a message to a request's thread. */
export async function insertMessage(
  q: Queryable,
  requestId: string,
  m: { orgId: string | null; userId: string | null; text: string },
): Promise<RequestMessage> {
  const { rows } = await q.query<MessageRow>(
    'INSERT INTO request_messages (request_id, org_id, user_id, text) VALUES ($1, $2, $3, $4) RETURNING *',
    [requestId, m.orgId, m.userId, m.text],
  );
  return toMessage(rows[0]!);
}

/** A request's thread, oldest first. */
export async function listMessages(q: Queryable, requestId: string): Promise<RequestMessage[]> {
  const { rows } = await q.query<MessageRow>(
    'SELECT * FROM request_messages WHERE request_id = $1 ORDER BY created_at, id',
    [requestId],
  );
  return rows.map(toMessage);
}
