import { Router } from 'express';
import type { Ctx } from '../../context.js';
import { DemoClockSchema, type DemoInfo } from '../../../shared/schemas/demo.js';
import { read, route } from '../../http/route.js';
import { forbidden, HttpError } from '../../http/errors.js';
import type { DemoClockStore } from './demo.clock.js';

/** GET /api/demo (open, before sign-in: the replay asks it first). */
export function demoInfoRoutes(ctx: Ctx, clock: DemoClockStore): Router {
  const r = Router();
  r.get(
    '/',
    read({}, (): DemoInfo => ({ demo: ctx.config.demo, clock: ctx.config.demo ? clock.get() : null })),
  );
  return r;
}

/** POST /api/demo/clock: the replay's clock, from an operations officer, only on a demo server. */
export function demoClockRoutes(ctx: Ctx, clock: DemoClockStore): Router {
  const r = Router();
  r.post(
    '/clock',
    route(
      {
        allow: (v) => {
          if (v.role !== 'ops_officer')
            throw forbidden('Only an operations officer sets the scenario clock.');
          if (!ctx.config.demo) throw new HttpError(409, 'conflict', 'This server does not run the demo.');
        },
        body: DemoClockSchema,
      },
      ({ body }) => {
        clock.set(body);
        return { status: 200, body };
      },
    ),
  );
  return r;
}
