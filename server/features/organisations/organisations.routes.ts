import { Router } from 'express';
import type { Ctx } from '../../context.js';
import { OrganisationCreateSchema } from '../../../shared/schemas/auth.js';
import { idempotencyOf, parse, send, viewerOf } from '../../http/validate.js';
import { forbidden, HttpError } from '../../http/errors.js';
import { insertOrganisation, listOrganisations } from './organisations.repo.js';

/** /api/organisations: every signed-in user reads; the admin creates. */
export function organisationRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get('/', async (_req, res) => send(res, 200, await listOrganisations(ctx.db)));
  r.post('/', async (req, res) => {
    const viewer = viewerOf(res);
    if (viewer.role !== 'admin') throw forbidden('Only an admin manages organisations.');
    const input = parse(OrganisationCreateSchema, req.body, 'body');
    const out = await ctx.writer.write(viewer, idempotencyOf(req), async (q) => {
      const { rows } = await q.query('SELECT 1 FROM organisations WHERE lower(name) = lower($1)', [
        input.name,
      ]);
      if (rows.length)
        throw new HttpError(409, 'conflict', 'An organisation with this name exists.', [
          { path: 'name', message: 'already exists' },
        ]);
      const org = await insertOrganisation(
        q,
        { name: input.name, acronym: input.acronym ?? null, kind: input.kind, sectors: input.sectors },
        viewer.userId,
      );
      return {
        status: 201,
        body: org,
        events: [
          {
            type: 'organisation:created',
            entity: 'organisation',
            entityId: org.id,
            data: org,
            changes: null,
          },
        ],
      };
    });
    send(res, out.status, out.body);
  });
  return r;
}
