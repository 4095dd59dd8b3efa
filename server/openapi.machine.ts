import { z } from 'zod';
import { UserPatchSchema, UserSchema } from '../shared/schemas/auth.js';
import { ApiTokenCreateSchema, ApiTokenCreatedSchema, ApiTokenSchema } from '../shared/schemas/tokens.js';
import { SmsFormWebhookSchema, SmsJsonWebhookSchema } from '../shared/schemas/sms.js';
import { DemoClockSchema, DemoInfoSchema } from '../shared/schemas/demo.js';
import type { Op } from './openapi.js';

const schemaOf = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

/** The machine-client paths: API tokens, the SMS gateway webhook, users' SMS numbers. */
export function machineOps(): Record<string, Record<string, Op>> {
  return {
    '/api/users/{id}': {
      patch: {
        summary: 'Disable, change role or scope (ends the user’s sessions), or set the SMS number (admin)',
        body: UserPatchSchema,
        reply: UserSchema,
        refuses: 'Not an admin',
      },
    },
    '/api/tokens': {
      get: {
        summary: 'API tokens with their last use (admin; never the secret)',
        reply: z.array(ApiTokenSchema),
        refuses: 'Not an admin',
      },
      post: {
        summary:
          'Create a token for an organisation with a role and scope, or a purpose; the secret is shown once',
        body: ApiTokenCreateSchema,
        reply: ApiTokenCreatedSchema,
        refuses: 'Not an admin',
      },
    },
    '/api/tokens/{id}': {
      delete: {
        summary: 'Revoke a token at once on every process',
        reply: ApiTokenSchema,
        refuses: 'Not an admin',
      },
    },
    '/api/sms/inbound': {
      post: {
        summary:
          'An SMS gateway (sms-gateway token) delivers one message; the reply is the SMS to send back. The gateway message id makes a repeat harmless.',
        query: { format: 'text | twiml (or Accept: application/xml for TwiML)' },
        consumes: {
          'application/x-www-form-urlencoded': { schema: schemaOf(SmsFormWebhookSchema) },
          'application/json': { schema: schemaOf(SmsJsonWebhookSchema) },
        },
        produces: {
          'text/plain': { schema: { type: 'string', maxLength: 160 } },
          'application/xml': {
            schema: { type: 'string', description: '<Response><Message>…</Message></Response>' },
          },
        },
        refuses: 'Not an sms-gateway token',
      },
    },
  };
}

/** The demo's paths: whether the server runs the demo, and a replay's scenario clock. */
export function demoOps(): Record<string, Record<string, Op>> {
  return {
    '/api/demo': {
      get: {
        summary: 'Whether the server runs the demo (simulated data) and the clock of a replay in progress',
        reply: DemoInfoSchema,
        refuses: 'Never (open, like /api/areas)',
      },
    },
    '/api/demo/clock': {
      post: {
        summary: 'A demo replay posts where its scenario is; every ops screen shows it (demo only)',
        body: DemoClockSchema,
        reply: DemoClockSchema,
        refuses: 'Not an operations officer, or the server does not run the demo (409)',
      },
    },
  };
}
