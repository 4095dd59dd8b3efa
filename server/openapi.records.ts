import { z } from 'zod';
import type { Op } from './openapi.js';

/** What a record domain's four operations say: the summaries and the create and patch bodies. */
export interface RecordOpsSpec {
  record: z.ZodType;
  list: string;
  create: { summary: string; body: z.ZodType };
  one: string;
  patch: { summary: string; body: z.ZodType };
}

/** The record routes every domain shares (server/http/route.ts recordRoutes): list, create, one, patch. */
export function recordOps(base: string, s: RecordOpsSpec): Record<string, Record<string, Op>> {
  return {
    [base]: {
      get: { summary: s.list, reply: z.array(s.record) },
      post: { ...s.create, reply: s.record, idempotent: true },
    },
    [`${base}/{id}`]: {
      get: { summary: s.one, reply: s.record },
      patch: { ...s.patch, reply: s.record, idempotent: true },
    },
  };
}

/** An idempotent write (POST or PATCH): what it does, what it takes and what it answers. */
export const write = (summary: string, body: z.ZodType, reply: z.ZodType, more: Partial<Op> = {}): Op => ({
  summary,
  body,
  reply,
  idempotent: true,
  ...more,
});
