import { Router } from 'express';
import type { Ctx } from '../../context.js';
import { ShelterCreateSchema, ShelterPatchSchema } from '../../../shared/schemas/shelters.js';
import { recordRoutes } from '../../http/route.js';
import * as shelters from './shelters.service.js';
import { referralPathwayRoutes } from '../referralPathway/referralPathway.routes.js';

/** /api/shelters: list, create, read, update, history, and the referral pathway poster. */
export function shelterRoutes(ctx: Ctx): Router {
  const r = Router();
  recordRoutes(r, ctx, shelters, { create: ShelterCreateSchema, patch: ShelterPatchSchema });
  referralPathwayRoutes(r, ctx);
  return r;
}
