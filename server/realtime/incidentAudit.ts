import type { Change } from '../../shared/events.js';
import type { Ctx } from '../context.js';
import { parseAudienceKey } from '../auth/viewer.js';
import { auditIncidentRead } from '../features/incidents/audit.js';
import type { AppSocket } from './io.js';

/** Months of incident data a visible change carries, for the audit (never the counts). */
export function incidentMonths(c: Change): string[] {
  if (c.type === 'hidden' || !c.type.startsWith('incident')) return [];
  const d = c.data as { month?: unknown; cells?: { month?: unknown }[] };
  const months = [d.month, ...(Array.isArray(d.cells) ? d.cells.map((x) => x.month) : [])];
  const out = months.filter((m): m is string => typeof m === 'string');
  return out.length ? [...new Set(out)] : ['?'];
}

/** Records a socket's reads of incident data. */
export type AuditIncidentReads = (
  socket: AppSocket,
  changes: readonly Change[],
  via: 'sync' | 'push',
) => void;

/** Incident reads over sockets are audited once per socket and incident month (SPEC 2.7), not per packet. */
export function incidentReadAudit(ctx: Ctx): AuditIncidentReads {
  const audited = new WeakMap<AppSocket, Set<string>>();
  return (socket, changes, via) => {
    let seen = audited.get(socket);
    for (const c of changes)
      for (const month of incidentMonths(c)) {
        if (!seen) audited.set(socket, (seen = new Set()));
        if (seen.has(month)) continue;
        seen.add(month);
        const { role, orgId } = parseAudienceKey(socket.data.audience);
        const reader = { userId: socket.data.userId, username: socket.data.username, role, orgId };
        auditIncidentRead(ctx.db, reader, `socket.${via}.incidents`, { month, seq: c.seq }).catch(
          (err: unknown) => ctx.log.warn({ err: (err as Error).message }, 'incident read audit failed'),
        );
      }
  };
}
