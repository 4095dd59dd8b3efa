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
