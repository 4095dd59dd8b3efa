import { z } from 'zod';
import {
  CoordinationRoleCreateSchema,
  CoordinationRolePatchSchema,
  CoordinationRoleSchema,
} from '../shared/schemas/coordinationRoles.js';
import { PosterPrintSchema, ReferralPathwaySchema } from '../shared/schemas/referralPathway.js';
import type { Op } from './openapi.js';

const refuses =
  'GBV coordinators edit roles in scope; operations officers only disaster_ops and shelter_management';

/** The coordination mechanism (issue 13): its roles, their HXL CSV, and the referral pathway poster. */
export function coordinationOps(): Record<string, Record<string, Op>> {
  return {
    '/api/coordination-roles': {
      get: {
        summary: 'Who leads and supports each function nationally and per province (everyone signed in)',
        reply: z.array(CoordinationRoleSchema),
      },
      post: {
        summary: 'Define a role: one per function and place; a role contact is never a personal mobile',
        body: CoordinationRoleCreateSchema,
        reply: CoordinationRoleSchema,
        idempotent: true,
        refuses,
        conflict: 'The function already has a role in this place',
      },
    },
    '/api/coordination-roles/{id}': {
      get: { summary: 'One role', reply: CoordinationRoleSchema },
      patch: {
        summary: 'Change the lead, supports, contact, state or review date',
        body: CoordinationRolePatchSchema,
        reply: CoordinationRoleSchema,
        refuses,
      },
    },
    '/api/shelters/{id}/referral-pathway': {
      get: {
        summary:
          'The referral pathway poster of a shelter (whoever reads the shelter): per service type the nearest open services by distance band, safe houses only through their hotline (never a name or place), the national and provincial hotlines, the last print',
        reply: ReferralPathwaySchema,
      },
    },
    '/api/shelters/{id}/referral-pathway/printed': {
      get: {
        summary: 'When the poster was last printed, with which services, and whether one has since closed',
        reply: PosterPrintSchema.nullable(),
      },
      post: {
        summary: 'Record that the poster was printed now, with the services it lists now',
        reply: PosterPrintSchema,
        refuses: 'Only the shelter manager of the shelter or an operations officer in scope',
      },
    },
    '/api/export/coordination-roles.csv': {
      get: {
        summary:
          'The mechanism as CSV with HXL tags (#adm1+code, #sector, #org+lead+name, #org+support+name, #contact+role, #status+code, #date+reviewed)',
        operationId: 'exportCoordinationRolesCsv',
        query: { lang: 'vi (default) or en: the language of the header row' },
        produces: { 'text/csv': { schema: { type: 'string' } } },
      },
    },
  };
}
