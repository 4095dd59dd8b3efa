import { Router } from 'express';
import type { Ctx } from '../../context.js';
import { GbvAlertAckSchema } from '../../../shared/schemas/services.js';
import { ackRoutes } from '../../http/route.js';
import * as gbvAlerts from './gbvAlerts.service.js';

/** /api/gbv-alerts: time-critical alerts for the province's GBV coordinators. */
export function gbvAlertRoutes(ctx: Ctx): Router {
  const r = Router();
  ackRoutes(r, ctx, gbvAlerts, { allow: gbvAlerts.requireGbv, body: GbvAlertAckSchema });
  return r;
}
