import { z } from 'zod';
import {
  LoginSchema,
  MeSchema,
  OrganisationCreateSchema,
  OrganisationSchema,
  UserCreateSchema,
  UserSchema,
} from '../shared/schemas/auth.js';
import { AdminAreaSchema } from '../shared/schemas/areas.js';
import { SnapshotSchema, SyncResultSchema } from '../shared/events.js';
import { SNAPSHOT_DOMAINS } from '../shared/snapshotParts.js';
import type { Op } from './openapi.js';
import { write } from './openapi.records.js';

/** Signing in, the snapshot, the event feed and the area list. */
export function sessionOps(): Record<string, Record<string, Op>> {
  return {
    '/api/auth/login': {
      post: { summary: 'Sign in; sets the httpOnly session cookie', body: LoginSchema, reply: MeSchema },
    },
    '/api/auth/logout': { post: { summary: 'Sign out and close this session’s sockets' } },
    '/api/me': { get: { summary: 'The signed-in user', reply: MeSchema } },
    '/api/snapshot': {
      get: {
        summary:
          'Everything the caller may see, with the seq it is current to; with `domains`, only those (a part, with its own seq)',
        query: { domains: `comma-separated, of ${SNAPSHOT_DOMAINS.join(' ')}` },
        reply: SnapshotSchema,
      },
    },
    '/api/events': {
      get: {
        summary:
          'Events after a seq, oldest first, projected for the caller; hidden ones as seq-only placeholders',
        query: { after: 'integer >= 0', limit: 'integer 1..1000' },
        reply: SyncResultSchema,
      },
    },
    '/api/areas': {
      get: {
        summary: 'Provinces (default) or communes after the 2025 reform',
        query: { level: 'province | commune', province: '2-digit code' },
        reply: z.array(AdminAreaSchema),
      },
    },
  };
}

/** Organisations and users (admin). */
export function adminOps(): Record<string, Record<string, Op>> {
  return {
    '/api/organisations': {
      get: { summary: 'Organisations', reply: z.array(OrganisationSchema) },
      post: write('Create an organisation (admin)', OrganisationCreateSchema, OrganisationSchema),
    },
    '/api/users': {
      get: { summary: 'Users (admin)', reply: z.array(UserSchema) },
      post: { summary: 'Create a user (admin)', body: UserCreateSchema, reply: UserSchema },
    },
  };
}
