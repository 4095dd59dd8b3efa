import type { Queryable } from '../../db/db.js';
import { sql } from 'kysely';
import { all, json, qb } from '../../db/query.js';
import type { Viewer } from '../../auth/viewer.js';
import type { AuditEntry } from '../../../shared/schemas/incidents.js';

/** What an audit row says about a read: the resource and the query, never the data. */
export type AuditDetail = Record<string, string | number | null>;

/** Who an audit row is about: a signed-in user (a socket session carries the same fields). */
export type AuditActor = Pick<Viewer, 'userId' | 'username' | 'role' | 'orgId'>;

/** Record that the viewer read, exported or wrote incident data (SPEC 2.7). */
export async function audit(
  q: Queryable,
  viewer: AuditActor,
  action: AuditEntry['action'],
  resource: string,
  detail: AuditDetail = {},
): Promise<void> {
  await all(
    q,
    qb.insertInto('audit_log').values({
      user_id: viewer.userId,
      username: viewer.username,
      role: viewer.role,
      org_id: viewer.orgId,
      action,
      resource,
      detail: json(detail),
    }),
  );
}

/**
 * Record a read of incident figures by any path (HTTP, snapshot, events, socket sync and pushes).
 * The realtime code calls this per socket session and period, not per packet.
 */
export async function auditIncidentRead(
  q: Queryable,
  viewer: AuditActor,
  resource: string,
  detail: AuditDetail = {},
): Promise<void> {
  await audit(q, viewer, 'read', resource, detail);
}

/** The resource of the rows that record an incident report being written. */
export const REPORT_WRITTEN = 'incident-reports';

/**
 * Record that an incident report was written, and nothing more: the audit view must never show
 * who reported where and when (SPEC 2.4, 2.7), and the admin knows every user's organisation and
 * scope, so a row naming the user or organisation would name the province too. The row carries no
 * user, organisation, province or period, and its time is the day only, so it cannot be matched
 * to a sign-in or to the next release. Who reported is kept with the report itself (never shown).
 */
export async function auditReportWritten(q: Queryable): Promise<void> {
  await all(
    q,
    qb.insertInto('audit_log').values({
      at: sql<Date>`date_trunc('day', now())`,
      action: 'write',
      resource: REPORT_WRITTEN,
      detail: '{}',
    }),
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
  let query = qb.selectFrom('audit_log').selectAll().orderBy('at', 'desc').orderBy('id').limit(limit);
  if (before) query = query.where('at', '<', sql<Date>`${before}`);
  const rows = (await all(q, query)) as AuditRow[];
  // Rows written before reports were recorded anonymously still name the writer and the place:
  // they are shown with neither (the stored row is left alone).
  return rows.map((r) =>
    r.action === 'write' && r.resource === REPORT_WRITTEN
      ? {
          id: r.id,
          at: r.at.toISOString(),
          userId: null,
          username: null,
          role: null,
          orgId: null,
          action: r.action,
          resource: r.resource,
          detail: {},
        }
      : {
          id: r.id,
          at: r.at.toISOString(),
          userId: r.user_id,
          username: r.username,
          role: r.role,
          orgId: r.org_id,
          action: r.action,
          resource: r.resource,
          detail: r.detail,
        },
  );
}
