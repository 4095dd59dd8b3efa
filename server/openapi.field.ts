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

/** Shelters, their updates and history. */
export function shelterOps(): Record<string, Record<string, Op>> {
  return {
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
  };
}

/** Risk alerts. */
export function alertOps(): Record<string, Record<string, Op>> {
  return {
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
  };
}

/** Coordination requests and their threads. */
export function requestOps(): Record<string, Record<string, Op>> {
  return {
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
  };
}
