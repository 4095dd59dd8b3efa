import { Router } from 'express';
import type { Ctx } from '../../context.js';
import { AlertCreateSchema, AlertPatchSchema } from '../../../shared/schemas/alerts.js';
import { recordRoutes } from '../../http/route.js';
import * as alerts from './alerts.service.js';

/** /api/alerts: list, issue, read, update (including cancel and expire through `status`). */
export function alertRoutes(ctx: Ctx): Router {
  const r = Router();
  recordRoutes(r, ctx, alerts, { create: AlertCreateSchema, patch: AlertPatchSchema });
  return r;
}
