import { CareAlertAckSchema, CareAlertSchema } from '../shared/schemas/careAlerts.js';
import { z } from 'zod';
import {
  LoginSchema,
  MeSchema,
  OrganisationCreateSchema,
  OrganisationSchema,
  UserCreateSchema,
  UserSchema,
} from '../shared/schemas/auth.js';
import {
  ShelterCreateSchema,
  ShelterHistoryEntrySchema,
  ShelterPatchSchema,
  ShelterSchema,
} from '../shared/schemas/shelters.js';
import { AdminAreaSchema } from '../shared/schemas/areas.js';
import { ApiErrorSchema } from '../shared/schemas/api.js';
import {
  ChangeSchema,
  HelloSchema,
  PROTOCOL_VERSION,
  SnapshotSchema,
  SyncResultSchema,
} from '../shared/events.js';
import {
  AvailabilityPostSchema,
  AvailabilitySchema,
  GbvAlertAckSchema,
  GbvAlertSchema,
  NearestServiceSchema,
  ServiceCreateSchema,
  ServicePatchSchema,
  ServicePointSchema,
  StockTotalsSchema,
} from '../shared/schemas/services.js';
import { AlertCreateSchema, AlertPatchSchema, RiskAlertSchema } from '../shared/schemas/alerts.js';
import {
  CoordinationRequestSchema,
  RequestCreateSchema,
  RequestMessageCreateSchema,
  RequestMessageSchema,
  RequestPatchSchema,
} from '../shared/schemas/requests.js';
import {
  AuditEntrySchema,
  IncidentReportCreateSchema,
  IncidentReportReceiptSchema,
  IncidentSummarySchema,
} from '../shared/schemas/incidents.js';
import { demoOps, machineOps } from './openapi.machine.js';
import { coordinationOps } from './openapi.coordination.js';
import { interopOps } from './openapi.interop.js';
import { exportOps, importOps } from './openapi.files.js';

/** One operation, as this module turns it into OpenAPI. */
export type Op = {
  summary: string;
  body?: z.ZodType;
  reply?: z.ZodType;
  idempotent?: boolean;
  query?: Record<string, string>;
  operationId?: string;
  /** A reply that is not the JSON envelope (a file): media type -> schema. */
  produces?: Record<string, { schema: unknown }>;
  /** A request body that is not (only) JSON: media type -> schema. */
  consumes?: Record<string, { schema: unknown }>;
  /** Roles may be refused (403) as well as signed-out callers (401). */
  refuses?: string;
  /** When a 409 may answer a write that is not a PATCH: why. */
  conflict?: string;
  /** Responses beyond 200, 401/403, 409 and 4XX (a 201, a 415). */
  more?: Record<string, unknown>;
};

/** A JSON body or reply described from its schema. */
export const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) },
});
const envelope = (data: z.ZodType) => z.object({ ok: z.literal(true), data });

/** The OpenAPI 3.1 description of the public API, generated from the shared schemas (SPEC 4.1). */
export function openApiDocument(extra: Record<string, Record<string, Op>> = {}): unknown {
  const ops: Record<string, Record<string, Op>> = {
    '/api/auth/login': {
      post: { summary: 'Sign in; sets the httpOnly session cookie', body: LoginSchema, reply: MeSchema },
    },
    '/api/auth/logout': { post: { summary: 'Sign out and close this session’s sockets' } },
    '/api/me': { get: { summary: 'The signed-in user', reply: MeSchema } },
    '/api/snapshot': {
      get: { summary: 'Everything the caller may see, with the seq it is current to', reply: SnapshotSchema },
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
    '/api/shelters': {
      get: { summary: 'Shelters as the caller may see them', reply: z.array(ShelterSchema) },
      post: {
        summary: 'List a shelter (ops officer, within scope)',
        body: ShelterCreateSchema,
        reply: ShelterSchema,
        idempotent: true,
      },
    },
    '/api/shelters/{id}': {
      get: { summary: 'One shelter', reply: ShelterSchema },
      patch: {
        summary: 'Update at a version; 409 with the current record when stale',
        body: ShelterPatchSchema,
        reply: ShelterSchema,
        idempotent: true,
      },
    },
    '/api/shelters/{id}/history': {
      get: { summary: 'What changed, when, by whom', reply: z.array(ShelterHistoryEntrySchema) },
    },
    '/api/organisations': {
      get: { summary: 'Organisations', reply: z.array(OrganisationSchema) },
      post: {
        summary: 'Create an organisation (admin)',
        body: OrganisationCreateSchema,
        reply: OrganisationSchema,
        idempotent: true,
      },
    },
    '/api/users': {
      get: { summary: 'Users (admin)', reply: z.array(UserSchema) },
      post: { summary: 'Create a user (admin)', body: UserCreateSchema, reply: UserSchema },
    },
    '/api/services': {
      get: {
        summary: 'Service points (referral pathway); positions and stock as the caller may see them',
        reply: z.array(ServicePointSchema),
      },
      post: {
        summary: 'Add a service point (GBV coordinator, or the provider for its own organisation)',
        body: ServiceCreateSchema,
        reply: ServicePointSchema,
        idempotent: true,
      },
    },
    '/api/services/{id}': {
      get: { summary: 'One service point', reply: ServicePointSchema },
      patch: {
        summary: 'Update the directory entry at a version',
        body: ServicePatchSchema,
        reply: ServicePointSchema,
        idempotent: true,
      },
    },
    '/api/services/{id}/availability': {
      get: { summary: 'Availability history, newest first', reply: z.array(AvailabilitySchema) },
      post: {
        summary:
          'Post availability and stock; a clinical point closing or out of PEP/EC alerts the province’s GBV coordinators',
        body: AvailabilityPostSchema,
        reply: ServicePointSchema,
        idempotent: true,
      },
    },
    '/api/services/nearest': {
      get: {
        summary: 'Open or limited services of a type, nearest first; hidden ones without a position',
        query: { shelterId: 'uuid', lat: 'number', lon: 'number', type: 'service type', limit: 'integer' },
        reply: z.array(NearestServiceSchema),
      },
    },
    '/api/services/stock-totals': {
      get: {
        summary: 'Clinical stock totals per province (ops officer, GBV coordinator)',
        reply: z.array(StockTotalsSchema),
      },
    },
    '/api/gbv-alerts': {
      get: { summary: 'Time-critical alerts (GBV coordinators)', reply: z.array(GbvAlertSchema) },
    },
    '/api/gbv-alerts/{id}/acknowledge': {
      post: {
        summary: 'Acknowledge a time-critical alert',
        body: GbvAlertAckSchema,
        reply: GbvAlertSchema,
        idempotent: true,
      },
    },
    '/api/care-alerts': {
      get: {
        summary:
          'Duty-of-care alerts raised (ops officers, GBV coordinators, shelter managers for their shelters)',
        reply: z.array(CareAlertSchema),
      },
    },
    '/api/care-alerts/{id}/acknowledge': {
      post: {
        summary: 'Acknowledge a duty-of-care alert',
        body: CareAlertAckSchema,
        reply: CareAlertSchema,
        idempotent: true,
      },
    },
    '/api/alerts': {
      get: { summary: 'Risk alerts', reply: z.array(RiskAlertSchema) },
      post: {
        summary: 'Issue a risk alert (ops officer, within scope)',
        body: AlertCreateSchema,
        reply: RiskAlertSchema,
        idempotent: true,
      },
    },
    '/api/alerts/{id}': {
      get: { summary: 'One risk alert', reply: RiskAlertSchema },
      patch: {
        summary: 'Update, cancel or expire at a version',
        body: AlertPatchSchema,
        reply: RiskAlertSchema,
        idempotent: true,
      },
    },
    '/api/requests': {
      get: { summary: 'Coordination requests the caller may see', reply: z.array(CoordinationRequestSchema) },
      post: {
        summary: 'Open a request (free text screened for phone and ID numbers)',
        body: RequestCreateSchema,
        reply: CoordinationRequestSchema,
        idempotent: true,
      },
    },
    '/api/requests/{id}': {
      get: { summary: 'One request with its messages', reply: CoordinationRequestSchema },
      patch: {
        summary: 'Move along the workflow (only allowed transitions), reassign, reprioritise',
        body: RequestPatchSchema,
        reply: CoordinationRequestSchema,
        idempotent: true,
      },
    },
    '/api/requests/{id}/messages': {
      get: { summary: 'The request’s thread', reply: z.array(RequestMessageSchema) },
      post: {
        summary: 'Add a short message',
        body: RequestMessageCreateSchema,
        reply: RequestMessageSchema,
        idempotent: true,
      },
    },
    '/api/incident-reports': {
      post: {
        summary: 'Enter aggregate incident counts for a province and period (GBV coordinator)',
        body: IncidentReportCreateSchema,
        reply: IncidentReportReceiptSchema,
        idempotent: true,
      },
    },
    '/api/incidents/summary': {
      get: {
        summary: 'Suppressed aggregates by province and month (audited)',
        query: { province: '2-digit code', from: 'YYYY-MM', to: 'YYYY-MM' },
        reply: IncidentSummarySchema,
      },
    },
    '/api/audit': {
      get: {
        summary: 'Who read or exported incident data, when, what (admin; never the data)',
        query: { limit: 'integer', before: 'timestamp' },
        reply: z.array(AuditEntrySchema),
      },
    },
    ...exportOps(),
    ...machineOps(),
    ...coordinationOps(),
    ...demoOps(),
    ...interopOps(),
    ...importOps(),
    ...extra,
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [p, methods] of Object.entries(ops)) {
    paths[p] = {};
    for (const [method, op] of Object.entries(methods)) {
      paths[p][method] = {
        summary: op.summary,
        operationId: op.operationId ?? operationIdOf(method, p),
        // Everything but sign-in and the public area list needs the session cookie.
        ...(PUBLIC_PATHS.has(p) ? { security: [] } : {}),
        parameters: [
          ...(p.includes('{id}')
            ? [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }]
            : []),
          ...Object.entries(op.query ?? {}).map(([name, description]) => ({
            name,
            in: 'query',
            description,
            schema: { type: 'string' },
          })),
          ...(op.idempotent
            ? [
                {
                  name: 'Idempotency-Key',
                  in: 'header',
                  description: 'A client-made key; a retried write is applied once',
                  schema: { type: 'string', maxLength: 128 },
                },
              ]
            : []),
        ],
        ...(op.consumes
          ? { requestBody: { required: true, content: op.consumes } }
          : op.body
            ? { requestBody: { required: true, content: json(op.body) } }
            : {}),
        responses: {
          '200': {
            description: 'OK',
            ...(op.produces
              ? { content: op.produces }
              : op.reply
                ? { content: json(envelope(op.reply)) }
                : {}),
          },
          ...(op.refuses
            ? {
                '401': {
                  description: 'Not signed in',
                  content: json(z.object({ ok: z.literal(false), error: ApiErrorSchema })),
                },
                '403': {
                  description: op.refuses,
                  content: json(z.object({ ok: z.literal(false), error: ApiErrorSchema })),
                },
              }
            : {}),
          ...op.more,
          ...(method === 'patch' || (method === 'post' && p.includes('{id}')) || op.conflict
            ? {
                '409': {
                  description:
                    op.conflict ?? 'Stale version: the record changed; the body holds the current record',
                  content: json(z.object({ ok: z.literal(false), error: ApiErrorSchema })),
                },
              }
            : {}),
          '4XX': {
            description: 'Error naming the field',
            content: json(z.object({ ok: z.literal(false), error: ApiErrorSchema })),
          },
        },
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Safe Haven Ops API',
      version: `protocol ${PROTOCOL_VERSION}`,
      description:
        'Realtime coordination for GBV prevention and response in disasters. Socket.IO on the same origin: send `sync {afterSeq}` (acked with missed events or `reset`), receive `hello {protocol,head}` on connect and `change {seq,type,data,at,by}`.',
    },
    paths,
    // Either: a signed-in browser, or a machine client with an API token.
    security: [{ sessionCookie: [] }, { bearerToken: [] }],
    components: {
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'sho_sid',
          description: 'The same-origin session cookie set by POST /api/auth/login',
        },
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'sho_<id>_<secret>',
          description:
            'An API token made by the admin (POST /api/tokens). A purpose token (cap-feed, sms-gateway, export-reader) may call only its endpoints; tokens never open a socket.',
        },
      },
      schemas: {
        Change: z.toJSONSchema(ChangeSchema, { unrepresentable: 'any' }),
        Hello: z.toJSONSchema(HelloSchema, { unrepresentable: 'any' }),
      },
    },
  };
}

/** Paths that need no session. */
const PUBLIC_PATHS = new Set(['/api/auth/login', '/api/areas', '/api/demo', '/api/openapi.json']);

/** A stable operationId from method and path: GET /api/shelters/{id}/history -> getSheltersByIdHistory. */
function operationIdOf(method: string, p: string): string {
  const words = p
    .replace(/^\/api\//, '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((w) => (w === '{id}' ? 'ById' : w[0]!.toUpperCase() + w.slice(1)));
  return method + words.join('');
}
