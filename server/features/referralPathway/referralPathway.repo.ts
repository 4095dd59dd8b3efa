import type { Queryable } from '../../db/db.js';

/** A shelter's last poster print, as stored (migration 11). */
export interface StoredPrint {
  printedAt: string;
  serviceIds: string[];
}

/** The last print of the shelter's poster, or null when never printed. */
export async function getPrint(q: Queryable, shelterId: string): Promise<StoredPrint | null> {
  const { rows } = await q.query(
    'SELECT printed_at, service_ids FROM referral_posters WHERE shelter_id = $1',
    [shelterId],
  );
  const r = rows[0] as { printed_at: Date | string; service_ids: string[] } | undefined;
  return r ? { printedAt: new Date(r.printed_at).toISOString(), serviceIds: r.service_ids } : null;
}

/** Record a print: it replaces the previous one (the wall holds one poster). */
export async function putPrint(
  q: Queryable,
  shelterId: string,
  serviceIds: readonly string[],
  userId: string | null,
): Promise<StoredPrint> {
  const { rows } = await q.query(
    `INSERT INTO referral_posters (shelter_id, printed_at, service_ids, printed_by)
     VALUES ($1, now(), $2::jsonb, $3)
     ON CONFLICT (shelter_id) DO UPDATE
       SET printed_at = excluded.printed_at, service_ids = excluded.service_ids, printed_by = excluded.printed_by
     RETURNING printed_at, service_ids`,
    [shelterId, JSON.stringify(serviceIds), userId],
  );
  const r = rows[0] as { printed_at: Date | string; service_ids: string[] };
  return { printedAt: new Date(r.printed_at).toISOString(), serviceIds: r.service_ids };
}
