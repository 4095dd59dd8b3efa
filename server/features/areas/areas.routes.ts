import { Router } from 'express';
import type { Ctx } from '../../context.js';
import { AreasQuerySchema } from '../../../shared/schemas/areas.js';
import { read } from '../../http/route.js';

/** GET /api/areas?level=province|commune&province=CODE. Public reference data. */
export function areaRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get(
    '/',
    read({ query: AreasQuerySchema }, ({ query: q, res }) => {
      if (q.level === 'province')
        return q.province ? ctx.areas.provinces.filter((p) => p.code === q.province) : ctx.areas.provinces;
      res.set('Cache-Control', 'public, max-age=3600');
      return q.province ? ctx.areas.communes.filter((c) => c.parentCode === q.province) : ctx.areas.communes;
    }),
  );
  return r;
}
