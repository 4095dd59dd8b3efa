import type { Router } from 'express';
import type { Ctx } from '../../context.js';
import { IdParams, read, route } from '../../http/route.js';
import * as poster from './referralPathway.service.js';

/** Mounted on /api/shelters: /:id/referral-pathway (the poster), its last print, and recording a print. */
export function referralPathwayRoutes(r: Router, ctx: Ctx): void {
  r.get(
    '/:id/referral-pathway',
    read({ params: IdParams }, ({ params, viewer }) => poster.referralPathway(ctx, viewer, params.id)),
  );
  r.get(
    '/:id/referral-pathway/printed',
    read({ params: IdParams }, ({ params, viewer }) => poster.lastPrint(ctx, viewer, params.id)),
  );
  r.post(
    '/:id/referral-pathway/printed',
    route({ params: IdParams }, async ({ params, viewer }) => ({
      status: 200,
      body: await poster.recordPrint(ctx, viewer, params.id),
    })),
  );
}
