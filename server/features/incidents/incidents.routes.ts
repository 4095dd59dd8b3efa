import { Router } from 'express';
import type { Ctx } from '../../context.js';
import {
  AuditQuerySchema,
  IncidentReportCreateSchema,
  IncidentSummaryQuerySchema,
} from '../../../shared/schemas/incidents.js';
import { idempotencyOf, parse, send, viewerOf } from '../../http/validate.js';
import { forbidden } from '../../http/errors.js';
import * as incidents from './incidents.service.js';
import { listAudit } from './audit.js';

/** POST /api/incident-reports: aggregate counts in. */
export function incidentReportRoutes(ctx: Ctx): Router {
  const r = Router();
  r.post('/', async (req, res) => {
    const input = parse(IncidentReportCreateSchema, req.body, 'body');
    const out = await incidents.report(ctx, viewerOf(res), input, idempotencyOf(req));
    send(res, out.status, out.body);
  });
  return r;
}

/** GET /api/incidents/summary: suppressed aggregates out, every read audited. */
export function incidentRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get('/summary', async (req, res) => {
    const q = parse(IncidentSummaryQuerySchema, req.query, 'query');
    send(res, 200, await incidents.summary(ctx, viewerOf(res), q));
  });
  return r;
}

/** GET /api/audit: who read or exported incident data, when and what (admin only; never the data). */
export function auditRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    if (viewerOf(res).role !== 'admin') throw forbidden('Only an admin reads the audit log.');
    const q = parse(AuditQuerySchema, req.query, 'query');
    send(res, 200, await listAudit(ctx.db, q.limit, q.before));
  });
  return r;
}
