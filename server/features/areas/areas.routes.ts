import { Router } from 'express';
import type { Ctx } from '../../context.js';
import { AreasQuerySchema } from '../../../shared/schemas/areas.js';
import { parse, send } from '../../http/validate.js';

/** GET /api/areas?level=province|commune&province=CODE. Public reference data. */
export function areaRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get('/', (req, res) => {
    const q = parse(AreasQuerySchema, req.query, 'query');
    if (q.level === 'province')
      return send(
        res,
        200,
        q.province ? ctx.areas.provinces.filter((p) => p.code === q.province) : ctx.areas.provinces,
      );
    const communes = q.province
      ? ctx.areas.communes.filter((c) => c.parentCode === q.province)
      : ctx.areas.communes;
    res.set('Cache-Control', 'public, max-age=3600');
    send(res, 200, communes);
  });
  return r;
}
