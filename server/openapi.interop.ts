import { z } from 'zod';
import { RiskAlertSchema } from '../shared/schemas/alerts.js';
import { ApiErrorSchema } from '../shared/schemas/api.js';
import type { Op } from './openapi.js';

/** The CAP 1.2 feed and messages and the HSDS 3.0 directory (issue 9 items 4 to 6). */
export function interopOps(): Record<string, Record<string, Op>> {
  const cap = {
    type: 'string',
    description:
      'One OASIS CAP 1.2 alert message, valid against CAP-v1.2.xsd: vi-VN and en-US info blocks, severity plus the VN-DisasterRiskLevel parameter (1 to 5), VN-ADM1-2025 / VN-ADM2-2025 geocodes, `lat,lon` polygons; status Exercise for simulated alerts.',
  };
  const imported = z.object({
    ok: z.literal(true),
    data: z.object({
      outcome: z.enum(['created', 'updated', 'cancelled', 'unchanged']),
      identifier: z.string(),
      alert: RiskAlertSchema,
    }),
  });
  const importedJson = {
    'application/json': { schema: z.toJSONSchema(imported, { unrepresentable: 'any' }) },
  };
  const error = {
    'application/json': {
      schema: z.toJSONSchema(z.object({ ok: z.literal(false), error: ApiErrorSchema }), {
        unrepresentable: 'any',
      }),
    },
  };
  return {
    '/api/cap/alerts.atom': {
      get: {
        summary:
          'An Atom feed of the risk alerts not yet expired (forecast, in force or cancelled), each entry linking its CAP 1.2 message',
        operationId: 'getCapAlertsFeed',
        refuses: 'Not refused to any signed-in role: risk alerts are read by every role (SPEC 3)',
        produces: {
          'application/atom+xml': {
            schema: {
              type: 'string',
              description: 'RFC 4287 Atom feed; entry links are application/cap+xml',
            },
          },
        },
      },
    },
    '/api/cap/alerts/{id}.xml': {
      get: {
        summary:
          'One risk alert as a CAP 1.2 message: Alert for the first version, Update (a cancelled alert: Cancel) referencing the previous version’s message',
        operationId: 'getCapAlertMessage',
        refuses: 'Not refused to any signed-in role: risk alerts are read by every role (SPEC 3)',
        produces: { 'application/cap+xml': { schema: cap } },
      },
    },
    '/api/cap/alerts': {
      post: {
        summary:
          'Take in a CAP 1.2 message (an operations officer, or an API token of purpose cap-feed): an Alert creates a risk alert, an Update or Cancel changes the one its references point at; idempotent on sender and identifier (200 unchanged). A 400 names the broken rule as `cap.<rule>`',
        operationId: 'postCapAlert',
        reply: imported.shape.data,
        consumes: { 'application/cap+xml': { schema: cap }, 'application/xml': { schema: cap } },
        refuses: 'Only an operations officer (within scope) or a cap-feed token posts CAP messages',
        conflict: 'The referenced alert changed while the message was applied; post it again',
        more: {
          '201': { description: 'A risk alert was created from the Alert message', content: importedJson },
          '415': { description: 'Not a CAP message (send application/cap+xml)', content: error },
        },
      },
    },
    '/api/export/hsds/services.json': {
      get: {
        summary:
          'The referral pathway as an Open Referral HSDS 3.0 directory (HSDS API page of services), from the services the caller reads: safe houses and hidden services with no location, their province as service area and the hotline only; never stock or beds',
        operationId: 'exportServicesHsds',
        query: {
          page: 'Page number, from 1',
          per_page: 'Services per page, 1 to 500 (default 100)',
          lang: 'vi (default) or en: the language of area names',
        },
        refuses: 'Services are read by every role; the admin sees no safe house',
        produces: {
          'application/json': {
            schema: {
              type: 'object',
              description: 'HSDS 3.0 API Page; contents[] are HSDS 3.0 service objects',
              required: [
                'total_items',
                'total_pages',
                'page_number',
                'size',
                'first_page',
                'last_page',
                'empty',
                'contents',
              ],
              properties: {
                total_items: { type: 'integer' },
                total_pages: { type: 'integer' },
                page_number: { type: 'integer' },
                size: { type: 'integer' },
                first_page: { type: 'boolean' },
                last_page: { type: 'boolean' },
                empty: { type: 'boolean' },
                contents: { type: 'array', items: { type: 'object' } },
              },
            },
          },
        },
      },
    },
  };
}
