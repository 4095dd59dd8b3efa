import { Router } from 'express';
import { z } from 'zod';
import type { Ctx } from '../../context.js';
import { IdSchema } from '../../../shared/schemas/common.js';
import { GbvAlertAckSchema } from '../../../shared/schemas/services.js';
import { idempotencyOf, parse, send, viewerOf } from '../../http/validate.js';
import * as gbvAlerts from './gbvAlerts.service.js';

const IdParams = z.strictObject({ id: IdSchema });

/** /api/gbv-alerts: time-critical alerts for the province's GBV coordinators. */
export function gbvAlertRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get('/', async (_req, res) => {
    const viewer = viewerOf(res);
    gbvAlerts.requireGbv(viewer);
    send(res, 200, await gbvAlerts.list(ctx, viewer));
  });
  r.post('/:id/acknowledge', async (req, res) => {
    const viewer = viewerOf(res);
    gbvAlerts.requireGbv(viewer);
    const { id } = parse(IdParams, req.params, 'params');
    const { version } = parse(GbvAlertAckSchema, req.body, 'body');
    const out = await gbvAlerts.acknowledge(ctx, viewer, id, version, idempotencyOf(req));
    send(res, out.status, out.body);
  });
  return r;
}
