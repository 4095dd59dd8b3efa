import type { Queryable } from '../../db/db.js';
import type { Viewer } from '../../auth/viewer.js';
import type { AuditEntry } from '../../../shared/schemas/incidents.js';

/** What an audit row says about a read: the resource and the query, never the data. */
export type AuditDetail = Record<string, string | number | null>;

/** Record that the viewer read, exported or wrote incident data (SPEC 2.7). */
export async function audit(
  q: Queryable,
  viewer: Viewer,
  action: AuditEntry['action'],
  resource: string,
  detail: AuditDetail = {},
): Promise<void> {
  await q.query(
    'INSERT INTO audit_log (user_id, username, role, org_id, action, resource, detail) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)',
    [viewer.userId, viewer.username, viewer.role, viewer.orgId, action, resource, JSON.stringify(detail)],
  );
}

interface AuditRow {
  id: string;
  at: Date;
  user_id: string | null;
  username: string | null;
  role: AuditEntry['role'];
  org_id: string | null;
  action: AuditEntry['action'];
  resource: string;
  detail: AuditEntry['detail'];
}

/** Audit rows, newest first. */
export async function listAudit(q: Queryable, limit: number, before?: string): Promise<AuditEntry[]> {
  const { rows } = await q.query<AuditRow>(
    `SELECT * FROM audit_log ${before ? 'WHERE at < $2' : ''} ORDER BY at DESC, id LIMIT $1`,
    before ? [limit, before] : [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    userId: r.user_id,
    username: r.username,
    role: r.role,
    orgId: r.org_id,
    action: r.action,
    resource: r.resource,
    detail: r.detail,
  }));
}
