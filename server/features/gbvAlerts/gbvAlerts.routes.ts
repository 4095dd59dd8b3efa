import { Router } from 'express';
import type { Ctx } from '../../context.js';
import { GbvAlertAckSchema } from '../../../shared/schemas/services.js';
import { IdParams, read, route } from '../../http/route.js';
import * as gbvAlerts from './gbvAlerts.service.js';

/** /api/gbv-alerts: time-critical alerts for the province's GBV coordinators. */
export function gbvAlertRoutes(ctx: Ctx): Router {
  const r = Router();
  const allow = gbvAlerts.requireGbv;
  r.get(
    '/',
    read({ allow }, ({ viewer }) => gbvAlerts.list(ctx, viewer)),
  );
  r.post(
    '/:id/acknowledge',
    route({ allow, params: IdParams, body: GbvAlertAckSchema }, ({ params, body, viewer, idem }) =>
      gbvAlerts.acknowledge(ctx, viewer, params.id, body.version, idem),
    ),
  );
  return r;
}
