import { Router } from 'express';
import type { Ctx } from '../../context.js';
import { CareAlertAckSchema } from '../../../shared/schemas/careAlerts.js';
import { ackRoutes } from '../../http/route.js';
import * as careAlerts from './careAlerts.service.js';

/** /api/care-alerts: duty-of-care alerts for the roles in scope. */
export function careAlertRoutes(ctx: Ctx): Router {
  const r = Router();
  ackRoutes(r, ctx, careAlerts, { allow: careAlerts.requireCareReader, body: CareAlertAckSchema });
  return r;
}
