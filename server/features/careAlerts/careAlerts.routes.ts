import { Router } from 'express';
import type { Ctx } from '../../context.js';
import { CareAlertAckSchema } from '../../../shared/schemas/careAlerts.js';
import { IdParams, read, route } from '../../http/route.js';
import * as careAlerts from './careAlerts.service.js';

/** /api/care-alerts: duty-of-care alerts for the roles in scope. */
export function careAlertRoutes(ctx: Ctx): Router {
  const r = Router();
  const allow = careAlerts.requireCareReader;
  r.get(
    '/',
    read({ allow }, ({ viewer }) => careAlerts.list(ctx, viewer)),
  );
  r.post(
    '/:id/acknowledge',
    route({ allow, params: IdParams, body: CareAlertAckSchema }, ({ params, body, viewer, idem }) =>
      careAlerts.acknowledge(ctx, viewer, params.id, body.version, idem),
    ),
  );
  return r;
}
