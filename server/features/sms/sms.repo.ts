import type { Queryable } from '../../db/db.js';
import type { Role } from '../../../shared/enums.js';
import type { Viewer } from '../../auth/viewer.js';
import { toViewer } from '../../auth/sessions.js';

/** The enabled user a phone number is registered to, as the caller their reports are made by. */
export async function senderByPhone(q: Queryable, phone: string, messageId: string): Promise<Viewer | null> {
  const { rows } = await q.query<{
    user_id: string;
    username: string;
    display_name: string;
    role: Role;
    org_id: string;
    org_name: string;
    scope: string[] | null;
  }>(
    `SELECT u.id AS user_id, u.username, u.display_name, u.role, u.org_id, o.name AS org_name, u.scope
       FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.phone = $1 AND NOT u.disabled`,
    [phone],
  );
  const r = rows[0];
  return r ? toViewer({ ...r, session_id: `sms:${messageId}` }) : null;
}

/** The id of the shelter with this SMS code. */
export async function shelterIdByCode(q: Queryable, code: string): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>('SELECT id FROM shelters WHERE sms_code = $1', [code]);
  return rows[0]?.id ?? null;
}

/** One received message, under the gateway's id. */
export interface SmsMessage {
  gatewayId: string;
  tokenId: string | null;
  fromPhone: string;
  userId: string | null;
  body: string;
  outcome: string;
  shelterId: string | null;
  reply: string;
}

/** The reply already given to this gateway message id, if any. */
export async function priorReply(q: Queryable, gatewayId: string): Promise<string | null> {
  const { rows } = await q.query<{ reply: string }>('SELECT reply FROM sms_messages WHERE gateway_id = $1', [
    gatewayId,
  ]);
  return rows[0]?.reply ?? null;
}

/** Keep a message and its reply; when the id is already kept (a concurrent repeat), the first reply wins. */
export async function recordSmsMessage(q: Queryable, m: SmsMessage): Promise<string> {
  const { rows } = await q.query<{ reply: string }>(
    `INSERT INTO sms_messages (gateway_id, token_id, from_phone, user_id, body, outcome, shelter_id, reply)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (gateway_id) DO NOTHING RETURNING reply`,
    [m.gatewayId, m.tokenId, m.fromPhone, m.userId, m.body, m.outcome, m.shelterId, m.reply],
  );
  return rows[0]?.reply ?? (await priorReply(q, m.gatewayId)) ?? m.reply;
}
