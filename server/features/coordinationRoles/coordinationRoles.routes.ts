import { Router } from 'express';
import type { Ctx } from '../../context.js';
import {
  CoordinationRoleCreateSchema,
  CoordinationRolePatchSchema,
} from '../../../shared/schemas/coordinationRoles.js';
import { recordRoutes } from '../../http/route.js';
import * as roles from './coordinationRoles.service.js';

/** /api/coordination-roles: everyone signed in reads; GBV coordinators and operations officers edit theirs. */
export function coordinationRoleRoutes(ctx: Ctx): Router {
  const r = Router();
  recordRoutes(r, ctx, roles, { create: CoordinationRoleCreateSchema, patch: CoordinationRolePatchSchema });
  return r;
}
