import type { z } from 'zod';
import type {
  Organisation,
  OrganisationCreateSchema,
  User,
  UserCreateSchema,
  UserPatch,
} from '../../../../shared/schemas/auth.js';
import type { AuditEntry } from '../../../../shared/schemas/incidents.js';
import type { ApiToken, ApiTokenCreated, ApiTokenCreateSchema } from '../../../../shared/schemas/tokens.js';
import { api } from '../../lib/api.js';

/** Reads and writes of the administration API: users, organisations, API tokens, the audit log. */
export const adminApi = {
  users: () => api.get<User[]>('/api/users'),
  createUser: (body: z.input<typeof UserCreateSchema>) => api.post<User>('/api/users', body),
  patchUser: (id: string, body: UserPatch) => api.patch<User>(`/api/users/${encodeURIComponent(id)}`, body),
  createOrganisation: (body: z.input<typeof OrganisationCreateSchema>) =>
    api.post<Organisation>('/api/organisations', body),
  tokens: () => api.get<ApiToken[]>('/api/tokens'),
  createToken: (body: z.input<typeof ApiTokenCreateSchema>) => api.post<ApiTokenCreated>('/api/tokens', body),
  revokeToken: (id: string) => api.delete<ApiToken>(`/api/tokens/${encodeURIComponent(id)}`),
  audit: (limit: number) => api.get<AuditEntry[]>(`/api/audit?limit=${limit}`),
};
