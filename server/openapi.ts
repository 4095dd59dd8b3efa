import { z } from 'zod';
import { ApiErrorSchema } from '../shared/schemas/api.js';
import { ChangeSchema, HelloSchema, PROTOCOL_VERSION } from '../shared/events.js';
import { demoOps, machineOps } from './openapi.machine.js';
import { coordinationOps } from './openapi.coordination.js';
import { interopOps } from './openapi.interop.js';
import { exportOps, importOps } from './openapi.files.js';
import { adminOps, sessionOps } from './openapi.session.js';
import { alertOps, requestOps, shelterOps } from './openapi.field.js';
import { incidentOps, serviceOps } from './openapi.gbv.js';
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
const failure = json(z.object({ ok: z.literal(false), error: ApiErrorSchema }));

/** The OpenAPI 3.1 description of the public API, generated from the shared schemas (SPEC 4.1). */
export function openApiDocument(extra: Record<string, Record<string, Op>> = {}): unknown {
  const ops: Record<string, Record<string, Op>> = {
    ...sessionOps(),
    ...shelterOps(),
    ...adminOps(),
    ...serviceOps(),
    ...alertOps(),
    ...requestOps(),
    ...incidentOps(),
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
                  content: failure,
                },
                '403': {
                  description: op.refuses,
                  content: failure,
                },
              }
            : {}),
          ...op.more,
          ...(method === 'patch' || (method === 'post' && p.includes('{id}')) || op.conflict
            ? {
                '409': {
                  description:
                    op.conflict ?? 'Stale version: the record changed; the body holds the current record',
                  content: failure,
                },
              }
            : {}),
          '4XX': {
            description: 'Error naming the field',
            content: failure,
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
        'Realtime coordination for GBV prevention and response in disasters. Socket.IO on the same origin: send `sync {afterSeq}` (acked with missed events or `reset`), receive `hello {protocol,head}` on connect and `change {seq,type,data,at,by}`. A reconnecting client may put `{afterSeq}` in the handshake `auth`: its hello then carries `catchUp`, the `sync` answer for that position (a refused `auth` fails the handshake with `invalid`).',
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
