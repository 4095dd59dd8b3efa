import { z } from 'zod';
import {
  ShelterCreateSchema,
  ShelterHistoryEntrySchema,
  ShelterPatchSchema,
  ShelterSchema,
} from '../shared/schemas/shelters.js';
import { AlertCreateSchema, AlertPatchSchema, RiskAlertSchema } from '../shared/schemas/alerts.js';
import {
  CoordinationRequestSchema,
  RequestCreateSchema,
  RequestMessageCreateSchema,
  RequestMessageSchema,
  RequestPatchSchema,
} from '../shared/schemas/requests.js';
import type { Op } from './openapi.js';
import { recordOps, write } from './openapi.records.js';

/** Shelters, their updates and history. */
export function shelterOps(): Record<string, Record<string, Op>> {
  return {
    ...recordOps('/api/shelters', {
      record: ShelterSchema,
      list: 'Shelters as the caller may see them',
      create: { summary: 'List a shelter (ops officer, within scope)', body: ShelterCreateSchema },
      one: 'One shelter',
      patch: {
        summary: 'Update at a version; 409 with the current record when stale',
        body: ShelterPatchSchema,
      },
    }),
    '/api/shelters/{id}/history': {
      get: { summary: 'What changed, when, by whom', reply: z.array(ShelterHistoryEntrySchema) },
    },
  };
}

/** Risk alerts. */
export function alertOps(): Record<string, Record<string, Op>> {
  return {
    ...recordOps('/api/alerts', {
      record: RiskAlertSchema,
      list: 'Risk alerts',
      create: { summary: 'Issue a risk alert (ops officer, within scope)', body: AlertCreateSchema },
      one: 'One risk alert',
      patch: { summary: 'Update, cancel or expire at a version', body: AlertPatchSchema },
    }),
  };
}

/** Coordination requests and their threads. */
export function requestOps(): Record<string, Record<string, Op>> {
  return {
    ...recordOps('/api/requests', {
      record: CoordinationRequestSchema,
      list: 'Coordination requests the caller may see',
      create: {
        summary: 'Open a request (free text screened for phone and ID numbers)',
        body: RequestCreateSchema,
      },
      one: 'One request with its messages',
      patch: {
        summary: 'Move along the workflow (only allowed transitions), reassign, reprioritise',
        body: RequestPatchSchema,
      },
    }),
    '/api/requests/{id}/messages': {
      get: { summary: 'The request’s thread', reply: z.array(RequestMessageSchema) },
      post: write('Add a short message', RequestMessageCreateSchema, RequestMessageSchema),
    },
  };
}
