import type { Queryable } from '../../db/db.js';
import { columnsOf, recordTable } from '../../db/records.js';
import { CareAlertSchema, type CareAlert } from '../../../shared/schemas/careAlerts.js';

/** Duty-of-care alerts as stored (with pending ones, which never leave the server). */
export const careAlertTable = recordTable<CareAlert>(
  'care_alerts',
  columnsOf(CareAlertSchema, {
    omit: ['masked'],
    json: ['detail'],
    ts: ['since', 'raisedAt', 'acknowledgedAt', 'clearedAt'],
  }),
);

/** Alerts whose condition still holds (pending, open or acknowledged). */
export function listLive(q: Queryable): Promise<CareAlert[]> {
  return careAlertTable.list(q, 'rule, subject_id, item', "status <> 'cleared'");
}

/** Alerts a reader may be shown: raised ones, newest first, and the cleared ones of the last `clearedDays`. */
export function listShown(q: Queryable, clearedDays = 7): Promise<CareAlert[]> {
  return careAlertTable.list(
    q,
    'raised_at DESC, id',
    `status IN ('open', 'acknowledged') OR (status = 'cleared' AND raised_at IS NOT NULL AND cleared_at > now() - make_interval(days => $1))`,
    [clearedDays],
  );
}

/**
 * Record a condition the first time it is seen. Nothing when another evaluator (another process)
 * got there first: the partial unique index keeps one live row per (rule, subject, item).
 */
export async function insertIfAbsent(
  q: Queryable,
  a: Pick<
    CareAlert,
    | 'rule'
    | 'subjectKind'
    | 'subjectId'
    | 'item'
    | 'subjectName'
    | 'subjectOrgId'
    | 'safeHouse'
    | 'provinceCode'
    | 'detail'
    | 'status'
    | 'since'
    | 'raisedAt'
  >,
): Promise<CareAlert | null> {
  const { rows } = await q.query<Record<string, unknown>>(
    `INSERT INTO care_alerts (rule, subject_kind, subject_id, item, subject_name, subject_org_id, safe_house,
       province_code, detail, status, since, raised_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12)
     ON CONFLICT (rule, subject_id, item) WHERE status <> 'cleared' DO NOTHING
     RETURNING *`,
    [
      a.rule,
      a.subjectKind,
      a.subjectId,
      a.item,
      a.subjectName,
      a.subjectOrgId,
      a.safeHouse,
      a.provinceCode,
      JSON.stringify(a.detail),
      a.status,
      a.since,
      a.raisedAt,
    ],
  );
  return rows[0] ? careAlertTable.toRecord(rows[0]) : null;
}

/** Forget a pending condition that ended before it was raised (nobody was told of it). */
export async function dropPending(q: Queryable, id: string): Promise<void> {
  await q.query(`DELETE FROM care_alerts WHERE id = $1 AND status = 'pending'`, [id]);
}
