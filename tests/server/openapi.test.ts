import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../server/openapi.js';

describe('openApiDocument', () => {
  const doc = openApiDocument() as {
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: unknown; parameters: { name: string }[] }>>;
  };
  it('describes the stable API names of SPEC 4.1', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/auth/login',
      '/api/auth/logout',
      '/api/me',
      '/api/snapshot',
      '/api/events',
      '/api/areas',
      '/api/shelters',
      '/api/shelters/{id}',
      '/api/organisations',
      '/api/users',
      '/api/services',
      '/api/services/{id}/availability',
      '/api/alerts',
      '/api/requests',
      '/api/requests/{id}/messages',
      '/api/incident-reports',
      '/api/incidents/summary',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
  it('documents request bodies from the shared schemas and the Idempotency-Key on writes', () => {
    const patch = doc.paths['/api/shelters/{id}']!.patch!;
    expect(JSON.stringify(patch.requestBody)).toContain('occupancy');
    expect(patch.parameters.map((p) => p.name)).toContain('Idempotency-Key');
  });
});

describe('openApiDocument against an outside validator', () => {
  it('is a valid OpenAPI 3.1 document with a unique operationId on every operation', async () => {
    const { validate } = await import('@readme/openapi-parser');
    const doc = openApiDocument() as { paths: Record<string, Record<string, { operationId?: string }>> };
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, JSON.stringify((result as { errors?: unknown }).errors ?? null)).toBe(true);
    const ids = Object.values(doc.paths).flatMap((m) => Object.values(m).map((op) => op.operationId));
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes the session cookie and the stale-version 409 of every update', () => {
    const doc = openApiDocument() as {
      components: { securitySchemes: Record<string, { in: string; name: string }> };
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ in: 'cookie', name: 'sho_sid' });
    for (const [p, methods] of Object.entries(doc.paths))
      if (methods.patch) expect(Object.keys(methods.patch.responses), p).toContain('409');
  });
});

describe('openApiDocument for machine clients', () => {
  const doc = openApiDocument() as {
    security: Record<string, unknown>[];
    components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content: Record<string, unknown> };
          responses: Record<string, { content?: Record<string, unknown> }>;
        }
      >
    >;
  };
  it('describes the bearer token scheme beside the cookie', () => {
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
  });
  it('describes the token paths and the SMS webhook with its real content types', () => {
    expect(Object.keys(doc.paths['/api/tokens']!)).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/tokens/{id}']!)).toEqual(['delete']);
    const sms = doc.paths['/api/sms/inbound']!.post!;
    expect(Object.keys(sms.requestBody!.content)).toEqual([
      'application/x-www-form-urlencoded',
      'application/json',
    ]);
    expect(Object.keys(sms.responses['200']!.content!)).toEqual(['text/plain', 'application/xml']);
    expect(Object.keys(sms.responses)).toEqual(expect.arrayContaining(['401', '403']));
  });
});

describe('openApiDocument: CAP and HSDS (issue 9)', () => {
  type Resp = Record<string, { content?: Record<string, unknown> }>;
  const doc = openApiDocument() as {
    paths: Record<
      string,
      Record<
        string,
        { operationId: string; responses: Resp; requestBody?: { content: Record<string, unknown> } }
      >
    >;
  };
  it('describes each new path with its real content type, an operationId and 401/403', () => {
    const cases: [string, string, string, string][] = [
      ['/api/cap/alerts.atom', 'get', 'getCapAlertsFeed', 'application/atom+xml'],
      ['/api/cap/alerts/{id}.xml', 'get', 'getCapAlertMessage', 'application/cap+xml'],
      ['/api/cap/alerts', 'post', 'postCapAlert', 'application/json'],
      ['/api/export/hsds/services.json', 'get', 'exportServicesHsds', 'application/json'],
    ];
    for (const [p, method, id, type] of cases) {
      const op = doc.paths[p]![method]!;
      expect(op.operationId).toBe(id);
      expect(Object.keys(op.responses['200']!.content!), p).toEqual([type]);
      expect(Object.keys(op.responses), p).toEqual(expect.arrayContaining(['401', '403']));
    }
  });
  it('takes CAP messages as application/cap+xml and describes 201, 409 and 415', () => {
    const post = doc.paths['/api/cap/alerts']!.post!;
    expect(Object.keys(post.requestBody!.content)).toEqual(['application/cap+xml', 'application/xml']);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '409', '415']));
  });
});
