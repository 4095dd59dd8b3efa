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
import { ImportReportSchema } from '../shared/schemas/imports.js';
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

type Op = {
  summary: string;
  body?: z.ZodType;
  reply?: z.ZodType;
  idempotent?: boolean;
  query?: Record<string, string>;
  operationId?: string;
  /** A reply that is not the JSON envelope (a file): media type -> schema. */
  produces?: Record<string, { schema: unknown }>;
  /** Roles may be refused (403) as well as signed-out callers (401). */
  refuses?: string;
  /** A request body that is not JSON (a file): media type -> schema. */
  consumes?: Record<string, { schema: unknown }>;
  /** Extra responses: status -> description and schema of the error envelope's extra part. */
  more?: Record<string, { description: string; schema: z.ZodType }>;
};

const json = (schema: z.ZodType) => ({
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
        ...(op.body ? { requestBody: { required: true, content: json(op.body) } } : {}),
        ...(op.consumes ? { requestBody: { required: true, content: op.consumes } } : {}),
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
          ...(method === 'patch' || (method === 'post' && p.includes('{id}'))
            ? {
                '409': {
                  description: 'Stale version: the record changed; the body holds the current record',
                  content: json(z.object({ ok: z.literal(false), error: ApiErrorSchema })),
                },
              }
            : {}),
          ...Object.fromEntries(
            Object.entries(op.more ?? {}).map(([status, m]) => [
              status,
              { description: m.description, content: json(m.schema) },
            ]),
          ),
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
    security: [{ sessionCookie: [] }],
    components: {
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'sho_sid',
          description: 'The same-origin session cookie set by POST /api/auth/login',
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
const PUBLIC_PATHS = new Set(['/api/auth/login', '/api/areas', '/api/openapi.json']);

/** A stable operationId from method and path: GET /api/shelters/{id}/history -> getSheltersByIdHistory. */
function operationIdOf(method: string, p: string): string {
  const words = p
    .replace(/^\/api\//, '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((w) => (w === '{id}' ? 'ById' : w[0]!.toUpperCase() + w.slice(1)));
  return method + words.join('');
}

/** The export files (issue 9): CSV with the HXL row and GeoJSON, projected for the caller. */
function exportOps(): Record<string, Record<string, Op>> {
  const lang = { lang: 'vi (default) or en: the language of the header row' };
  const csv = {
    'text/csv': {
      schema: {
        type: 'string',
        description:
          'UTF-8 with BOM, RFC 4180 (CRLF). Row 1: headers in the language; row 2: HXL hashtags; then one row per record as the caller may see it (hidden values empty, suppressed counts `<5`, formula triggers neutralised with a leading quote).',
      },
    },
  };
  const geojson = {
    'application/geo+json': {
      schema: {
        type: 'object',
        description:
          'RFC 7946 FeatureCollection: `id` per feature, properties mirror the API JSON, `geometry: null` for positions the caller may not see, polygons by the right-hand rule.',
        properties: { type: { const: 'FeatureCollection' }, features: { type: 'array' } },
        required: ['type', 'features'],
      },
    },
  };
  const refused = 'This role may not read these records';
  const file = (
    summary: string,
    operationId: string,
    produces: Record<string, { schema: unknown }>,
    withLang = true,
  ): Record<string, Op> => ({
    get: { summary, operationId, produces, refuses: refused, ...(withLang ? { query: lang } : {}) },
  });
  return {
    '/api/export/shelters.csv': file(
      'Shelters as CSV with HXL tags (the checklist only for its readers)',
      'exportSheltersCsv',
      csv,
    ),
    '/api/export/services.csv': file(
      'Service points as CSV with HXL tags (safe houses masked; stock and beds only for their readers)',
      'exportServicesCsv',
      csv,
    ),
    '/api/export/requests.csv': file(
      'Coordination requests the caller reads, as CSV with HXL tags (never the thread; 403 for partner viewers)',
      'exportRequestsCsv',
      csv,
    ),
    '/api/export/alerts.csv': file(
      'Risk alerts as CSV with HXL tags, one row per alert and province',
      'exportAlertsCsv',
      csv,
    ),
    '/api/export/incidents.csv': file(
      'Released incident aggregates after suppression, one row per province and month (ops officers and GBV coordinators; audited)',
      'exportIncidentsCsv',
      csv,
    ),
    '/api/export/shelters.geojson': file(
      'Shelters as a GeoJSON FeatureCollection',
      'exportSheltersGeoJson',
      geojson,
    ),
    '/api/export/services.geojson': file(
      'Service points as GeoJSON (no geometry for hidden positions and masked safe houses)',
      'exportServicesGeoJson',
      geojson,
    ),
    '/api/export/alerts.geojson': file(
      'Risk alerts as GeoJSON: the area polygon (or null), the storm track as a LineString and its position as a Point',
      'exportAlertsGeoJson',
      geojson,
    ),
  };
}

/** The CSV imports (issue 9 item 2): a file in, a report out. */
function importOps(): Record<string, Record<string, Op>> {
  const file = {
    type: 'string',
    description:
      'CSV (comma, semicolon or tab separated): an HXL hashtag row in the first five rows (the row above it may hold text headers), or row 1 with the API field names or the headers of our own export in Vietnamese or English. UTF-8 with or without BOM, or UTF-16 (Excel "Unicode text"). At most 5 MB and 20,000 rows.',
  };
  const consumes = {
    'text/csv': { schema: file },
    'multipart/form-data': {
      schema: { type: 'object', properties: { file: { ...file, format: 'binary' } }, required: ['file'] },
    },
  };
  const query = {
    dryRun: '1 or true: check the file and answer the report; store nothing',
    skipInvalid: '1 or true: store the good rows even when some are refused',
    lang: 'vi (default) or en: the language of the reasons in the report',
  };
  const more = {
    '422': {
      description:
        'Some rows were refused and skipInvalid was not asked: nothing stored; the report is in error.report',
      schema: z.object({
        ok: z.literal(false),
        error: ApiErrorSchema.extend({ code: z.literal('import_refused'), report: ImportReportSchema }),
      }),
    },
  };
  const op = (summary: string, operationId: string): Record<string, Op> => ({
    post: {
      summary,
      operationId,
      consumes,
      query,
      idempotent: true,
      reply: ImportReportSchema,
      refuses: 'This role may not import these records',
      more,
    },
  });
  return {
    '/api/import/shelters': op(
      'Import shelters from CSV (operations officers, within scope): rows update by #loc+code (our ID) or list new shelters',
      'importShelters',
    ),
    '/api/import/services': op(
      'Import service points from CSV (GBV coordinators; providers for their own): rows update by #service+code or list new ones; safe houses always hidden',
      'importServices',
    ),
  };
}
