import { Router } from 'express';
import type { Ctx } from '../../context.js';
import {
  AuditQuerySchema,
  IncidentReportCreateSchema,
  IncidentSummaryQuerySchema,
} from '../../../shared/schemas/incidents.js';
import { adminOnly, read, route } from '../../http/route.js';
import * as incidents from './incidents.service.js';
import { listAudit } from './audit.js';

/** POST /api/incident-reports: aggregate counts in. */
export function incidentReportRoutes(ctx: Ctx): Router {
  const r = Router();
  r.post(
    '/',
    route({ body: IncidentReportCreateSchema }, ({ body, viewer, idem }) =>
      incidents.report(ctx, viewer, body, idem),
    ),
  );
  return r;
}

/** GET /api/incidents/summary: suppressed aggregates out, every read audited. */
export function incidentRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get(
    '/summary',
    read({ query: IncidentSummaryQuerySchema }, ({ query, viewer }) => incidents.summary(ctx, viewer, query)),
  );
  return r;
}

/** GET /api/audit: who read or exported incident data, when and what (admin only; never the data). */
export function auditRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get(
    '/',
    read({ allow: adminOnly('Only an admin reads the audit log.'), query: AuditQuerySchema }, ({ query }) =>
      listAudit(ctx.db, query.limit, query.before),
    ),
  );
  return r;
}
