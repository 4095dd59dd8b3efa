import { Router } from 'express';
import type { Ctx } from '../../context.js';
import { ApiTokenCreateSchema, type ApiTokenCreated } from '../../../shared/schemas/tokens.js';
import { managesUsers } from '../../../shared/domain/permissions.js';
import { viewerOf } from '../../http/validate.js';
import { badField, forbidden, notFound } from '../../http/errors.js';
import { IdParams, read, route } from '../../http/route.js';
import { newApiToken, tokenSessionId } from '../../auth/tokens.js';
import { insertToken, listTokens, revokeToken, toApiToken } from './tokens.repo.js';
import { checkOrganisation } from '../organisations/organisations.checks.js';

/** /api/tokens: machine clients' credentials, managed by the admin with a signed-in session. */
export function tokenRoutes(ctx: Ctx): Router {
  const r = Router();
  r.use((_req, res, next) => {
    const v = viewerOf(res);
    // A token never manages tokens (and no token has the admin role anyway).
    if (!managesUsers(v) || v.tokenId) return next(forbidden('Only an admin manages API tokens.'));
    next();
  });
  r.get(
    '/',
    read({}, async () => (await listTokens(ctx.db)).map(toApiToken)),
  );
  r.post(
    '/',
    route({ body: ApiTokenCreateSchema }, async ({ body: input, viewer }) => {
      if (input.scope?.some((c) => !ctx.areas.province(c))) throw badField('scope', 'unknown province code');
      await checkOrganisation(ctx.db, input.orgId, 'orgId');
      if (input.expiresAt && Date.parse(input.expiresAt) <= Date.now())
        throw badField('expiresAt', 'must be in the future');
      const t = newApiToken();
      const row = await insertToken(ctx.db, {
        id: t.id,
        name: input.name,
        prefix: t.prefix,
        secret_hash: t.secretHash,
        org_id: input.orgId,
        role: input.role ?? 'viewer',
        scope: input.scope,
        purpose: input.purpose,
        created_by: viewer.userId,
        expires_at: input.expiresAt,
      });
      ctx.log.info({ tokenId: row.id, purpose: row.purpose, role: row.role }, 'api token created');
      const body: ApiTokenCreated = { ...toApiToken(row), secret: t.secret };
      return { status: 201, body };
    }),
  );
  // Revoked in the database, then forgotten by every process's cache before the reply.
  r.delete(
    '/:id',
    read({ params: IdParams }, async ({ params: { id } }) => {
      const row = await revokeToken(ctx.db, id);
      if (!row) throw notFound('token');
      await ctx.revocations.revoke({ sessionId: tokenSessionId(id) });
      ctx.log.info({ tokenId: id }, 'api token revoked');
      return toApiToken(row);
    }),
  );
  return r;
}
