import type { Queryable } from '../../db/db.js';
import { recordEvent, type NewEvent } from '../../events/log.js';
import { requestTable, insertMessage } from '../../features/requests/requests.repo.js';
import { demoId } from '../ids.js';

import { REQUEST_SEEDS } from '../data.js';

export const HOUR = 3_600_000;

/** Coordination requests with their threads. */
export async function seedRequests(
  q: Queryable,
  ids: Record<string, string>,
  svc: Record<string, string>,
  now: number,
): Promise<NewEvent[]> {
  const shelter = (name: string) => demoId(`shelter:${name}`);
  const { rows } = await q.query<{ id: string; managing_org_id: string; province_code: string }>(
    'SELECT id, managing_org_id, province_code FROM shelters WHERE simulated',
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const events: NewEvent[] = [];
  for (const [
    i,
    {
      key,
      kind,
      title,
      from,
      to,
      toSector: sector,
      shelterName,
      serviceName,
      provinceCode: province,
      priority,
      quantity,
      status,
      messages,
    },
  ] of REQUEST_SEEDS.entries()) {
    const shelterId = shelterName ? shelter(shelterName) : null;
    const sh = shelterId ? byId.get(shelterId) : undefined;
    let r = await requestTable.insert(
      q,
      {
        kind,
        title,
        fromOrgId: ids[from]!,
        toOrgId: to ? ids[to]! : null,
        toSector: sector,
        shelterId: sh ? shelterId : null,
        shelterOrgId: sh?.managing_org_id ?? null,
        serviceId: serviceName ? svc[serviceName]! : null,
        provinceCode: province,
        priority,
        quantity,
        neededBy: new Date(now + (12 + i * 3) * HOUR).toISOString(),
        status,
        messageCount: 0,
        simulated: true,
      },
      { userId: null, orgId: ids[from]!, id: demoId(`request:${key}`) },
    );
    events.push(recordEvent('request:created', r));
    for (const [j, text] of messages.entries()) {
      const message = await insertMessage(q, r.id, {
        orgId: j % 2 === 0 ? ids[from]! : to ? ids[to]! : null,
        userId: null,
        text,
      });
      r = { ...r, messageCount: r.messageCount + 1 };
      await q.query('UPDATE coordination_requests SET message_count = $2 WHERE id = $1', [
        r.id,
        r.messageCount,
      ]);
      events.push({
        type: 'request:message-added',
        entity: 'request-message',
        entityId: r.id,
        data: { request: r, message },
        changes: null,
      });
    }
  }
  return events;
}
