import type { Queryable } from '../../db/db.js';
import { first, qb } from '../../db/query.js';
import type { Viewer } from '../../auth/viewer.js';
import { toViewer } from '../../auth/sessions.js';

/** The enabled user a phone number is registered to, as the caller their reports are made by. */
export async function senderByPhone(q: Queryable, phone: string, messageId: string): Promise<Viewer | null> {
  const r = await first(
    q,
    qb
      .selectFrom('users as u')
      .innerJoin('organisations as o', 'o.id', 'u.org_id')
      .select(['u.id as user_id', 'u.username', 'u.display_name', 'u.role', 'u.org_id', 'o.name as org_name'])
      .select('u.scope')
      .where('u.phone', '=', phone)
      .where('u.disabled', '=', false),
  );
  return r ? toViewer({ ...r, session_id: `sms:${messageId}` }) : null;
}

/** The id of the shelter with this SMS code. */
export async function shelterIdByCode(q: Queryable, code: string): Promise<string | null> {
  return (await first(q, qb.selectFrom('shelters').select('id').where('sms_code', '=', code)))?.id ?? null;
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
  const row = await first(
    q,
    qb.selectFrom('sms_messages').select('reply').where('gateway_id', '=', gatewayId),
  );
  return row?.reply ?? null;
}

/** Keep a message and its reply; when the id is already kept (a concurrent repeat), the first reply wins. */
export async function recordSmsMessage(q: Queryable, m: SmsMessage): Promise<string> {
  const row = await first(
    q,
    qb
      .insertInto('sms_messages')
      .values({
        gateway_id: m.gatewayId,
        token_id: m.tokenId,
        from_phone: m.fromPhone,
        user_id: m.userId,
        body: m.body,
        outcome: m.outcome,
        shelter_id: m.shelterId,
        reply: m.reply,
      })
      .onConflict((oc) => oc.column('gateway_id').doNothing())
      .returning('reply'),
  );
  return row?.reply ?? (await priorReply(q, m.gatewayId)) ?? m.reply;
}
