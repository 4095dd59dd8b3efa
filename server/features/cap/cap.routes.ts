import express, { Router, type Request } from 'express';
import type { Ctx } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { IdParams } from '../../http/route.js';
import { parse, send, viewerOf } from '../../http/validate.js';
import { CAP_CONTENT_TYPES } from './cap.mapping.js';
import { atomFeed } from './cap.out.js';
import { capWriter, feedAlerts, importCap, messageFor } from './cap.service.js';

/** Paths under /api that take a CAP message instead of JSON (for the JSON-only guard). */
export const CAP_BODIES: Readonly<Record<string, readonly string[]>> = { '/cap/alerts': CAP_CONTENT_TYPES };

/** A CAP message is small: a few info blocks and areas. */
const CAP_BODY_LIMIT = '256kb';

const baseOf = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

/**
 * /api/cap: risk alerts as CAP 1.2 (an Atom feed and one message per alert), read as GET /api/alerts
 * reads them; and CAP messages in (an operations officer or a cap-feed token).
 */
export function capRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get('/alerts.atom', async (req, res) => {
    const alerts = await feedAlerts(ctx, viewerOf(res), new Date());
    res
      .status(200)
      .type('application/atom+xml; charset=utf-8')
      .send(atomFeed(alerts, baseOf(req), new Date()));
  });
  r.get('/alerts/:id.xml', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'params');
    const xml = await messageFor(ctx, viewerOf(res), id);
    res.status(200).type('application/cap+xml; charset=utf-8').send(xml);
  });
  r.post(
    '/alerts',
    express.text({ type: [...CAP_CONTENT_TYPES], limit: CAP_BODY_LIMIT }),
    async (req, res) => {
      const viewer = viewerOf(res);
      capWriter(viewer);
      if (!req.is([...CAP_CONTENT_TYPES]))
        throw new HttpError(
          415,
          'unsupported_media_type',
          'Send one CAP 1.2 message (Content-Type: application/cap+xml).',
        );
      const out = await importCap(ctx, viewer, req.body);
      send(res, out.status, out.body);
    },
  );
  return r;
}
