import { z } from 'zod';
import { ORG_KINDS, SECTORS, type Role } from '../../../../shared/enums.js';
import { OrganisationCreateSchema, RoleSchema, UserCreateSchema } from '../../../../shared/schemas/auth.js';
import {
  ApiTokenCreateSchema,
  TOKEN_PURPOSES,
  TOKEN_ROLES,
  type TokenPurpose,
} from '../../../../shared/schemas/tokens.js';

/** What the new-token form holds; no purpose means the token carries a role. */
export interface TokenValues {
  name: string;
  orgId: string;
  role: (typeof TOKEN_ROLES)[number];
  purpose: TokenPurpose | '';
}

/** The new-token form as the body of POST /api/tokens: a purpose, or else a role. */
export const TokenFormSchema = z
  .object({
    name: z.string(),
    orgId: z.string(),
    role: z.enum(TOKEN_ROLES),
    purpose: z.union([z.enum(TOKEN_PURPOSES), z.literal('')]),
  })
  .transform((v): z.input<typeof ApiTokenCreateSchema> => ({
    name: v.name.trim(),
    orgId: v.orgId,
    ...(v.purpose ? { purpose: v.purpose } : { role: v.role }),
  }))
  .pipe(ApiTokenCreateSchema);

/** What the new-user form holds; an empty scope means national. */
export interface UserValues {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  orgId: string;
  scope: string;
}

/** The new-user form as the body of POST /api/users. */
export const UserFormSchema = z
  .object({
    username: z.string(),
    displayName: z.string(),
    password: z.string(),
    role: RoleSchema,
    orgId: z.string(),
    scope: z.string(),
  })
  .transform((v): z.input<typeof UserCreateSchema> => ({ ...v, scope: v.scope ? [v.scope] : null }))
  .pipe(UserCreateSchema);

/** What the new-organisation form holds. */
export interface OrgValues {
  name: string;
  acronym: string;
  kind: (typeof ORG_KINDS)[number];
  sectors: (typeof SECTORS)[number][];
}

/** The new-organisation form as the body of POST /api/organisations; an empty acronym is none. */
export const OrgFormSchema = z
  .object({
    name: z.string(),
    acronym: z.string(),
    kind: z.enum(ORG_KINDS),
    sectors: z.array(z.enum(SECTORS)),
  })
  .transform((v): z.input<typeof OrganisationCreateSchema> => ({
    name: v.name.trim(),
    acronym: v.acronym.trim() || null,
    kind: v.kind,
    sectors: v.sectors,
  }))
  .pipe(OrganisationCreateSchema);
