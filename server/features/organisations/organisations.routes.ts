import { Router } from 'express';
import type { Ctx } from '../../context.js';
import { OrganisationCreateSchema } from '../../../shared/schemas/auth.js';
import { HttpError } from '../../http/errors.js';
import { adminOnly, read, route } from '../../http/route.js';
import { insertOrganisation, listOrganisations, organisationNameTaken } from './organisations.repo.js';
import { created } from '../../events/writer.js';

/** /api/organisations: every signed-in user reads; the admin creates. */
export function organisationRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get(
    '/',
    read({}, () => listOrganisations(ctx.db)),
  );
  r.post(
    '/',
    route(
      { allow: adminOnly('Only an admin manages organisations.'), body: OrganisationCreateSchema },
      ({ body: input, viewer, idem }) =>
        ctx.writer.write(viewer, idem, async (q) => {
          if (await organisationNameTaken(q, input.name))
            throw new HttpError(409, 'conflict', 'An organisation with this name exists.', [
              { path: 'name', message: 'already exists' },
            ]);
          const org = await insertOrganisation(
            q,
            { name: input.name, acronym: input.acronym ?? null, kind: input.kind, sectors: input.sectors },
            viewer.userId,
          );
          return created('organisation:created', org, org);
        }),
    ),
  );
  return r;
}
