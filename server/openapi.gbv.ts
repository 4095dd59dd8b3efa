import { z } from 'zod';
import { CareAlertAckSchema, CareAlertSchema } from '../shared/schemas/careAlerts.js';
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
import {
  AuditEntrySchema,
  IncidentReportCreateSchema,
  IncidentReportReceiptSchema,
  IncidentSummarySchema,
} from '../shared/schemas/incidents.js';
import type { Op } from './openapi.js';
import { recordOps, write } from './openapi.records.js';

/** The referral pathway: service points, availability, time-critical and duty-of-care alerts. */
export function serviceOps(): Record<string, Record<string, Op>> {
  return {
    ...recordOps('/api/services', {
      record: ServicePointSchema,
      list: 'Service points (referral pathway); positions and stock as the caller may see them',
      create: {
        summary: 'Add a service point (GBV coordinator, or the provider for its own organisation)',
        body: ServiceCreateSchema,
      },
      one: 'One service point',
      patch: { summary: 'Update the directory entry at a version', body: ServicePatchSchema },
    }),
    '/api/services/{id}/availability': {
      get: { summary: 'Availability history, newest first', reply: z.array(AvailabilitySchema) },
      post: write(
        'Post availability and stock; a clinical point closing or out of PEP/EC alerts the province’s GBV coordinators',
        AvailabilityPostSchema,
        ServicePointSchema,
      ),
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
      post: write('Acknowledge a time-critical alert', GbvAlertAckSchema, GbvAlertSchema),
    },
    '/api/care-alerts': {
      get: {
        summary:
          'Duty-of-care alerts raised (ops officers, GBV coordinators, shelter managers for their shelters)',
        reply: z.array(CareAlertSchema),
      },
    },
    '/api/care-alerts/{id}/acknowledge': {
      post: write('Acknowledge a duty-of-care alert', CareAlertAckSchema, CareAlertSchema),
    },
  };
}

/** Aggregate incident counts and the audit of who read them. */
export function incidentOps(): Record<string, Record<string, Op>> {
  return {
    '/api/incident-reports': {
      post: write(
        'Enter aggregate incident counts for a province and period (GBV coordinator)',
        IncidentReportCreateSchema,
        IncidentReportReceiptSchema,
      ),
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
  };
}
