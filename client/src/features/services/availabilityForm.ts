import { z } from 'zod';
import type { NEED_LEVELS, SERVICE_STATUSES } from '../../../../shared/enums.js';
import { STOCK_ITEMS, type StockItem } from '../../../../shared/enums.js';
import {
  AvailabilityPostSchema,
  type AvailabilityPost,
  type ServicePoint,
} from '../../../../shared/schemas/services.js';

type Level = (typeof NEED_LEVELS)[number];

/** What the availability form holds: the stock rows and counts as typed. */
export interface AvailabilityValues {
  status: (typeof SERVICE_STATUSES)[number];
  reasons: string[];
  restore: string;
  stock: Record<StockItem, { on: boolean; quantity: string; level: Level }>;
  beds: string;
  hotline: boolean;
  note: string;
}

/** Which parts of the post a service point has. */
export function availabilityParts(s: ServicePoint) {
  return {
    stocked:
      s.availability.stock !== null || s.types.includes('health_cmr') || s.types.includes('dignity_kits'),
    safeHouse: s.types.includes('safe_house'),
    hotline: s.types.includes('hotline'),
  };
}

/** ISO time to the value of a datetime-local input, in local time. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The form's values for the service's latest availability. */
export function availabilityValues(s: ServicePoint): AvailabilityValues {
  const av = s.availability;
  const stock = Object.fromEntries(
    STOCK_ITEMS.map((k) => {
      const e = av.stock?.[k];
      return [k, { on: !!e, quantity: String(e?.quantity ?? 0), level: e?.level ?? 'ok' }];
    }),
  ) as AvailabilityValues['stock'];
  return {
    status: av.status,
    reasons: [...av.reasons],
    restore: toLocalInput(av.expectedRestoreAt),
    stock,
    beds: av.safeHouseBeds === null ? '' : String(av.safeHouseBeds),
    hotline: av.hotlineWorking ?? true,
    note: '',
  };
}

/** The form's values as the body of POST /api/services/:id/availability, checked by the shared schema. */
export function availabilitySchema(s: ServicePoint) {
  const parts = availabilityParts(s);
  return z
    .custom<AvailabilityValues>()
    .transform((v): z.input<typeof AvailabilityPostSchema> => {
      const body: z.input<typeof AvailabilityPostSchema> = {
        version: s.version,
        status: v.status,
        reasons: v.reasons as AvailabilityPost['reasons'],
        expectedRestoreAt: v.restore ? new Date(v.restore).toISOString() : null,
      };
      if (parts.stocked) {
        const out: Record<string, { quantity: number; level: Level }> = {};
        for (const k of STOCK_ITEMS)
          if (v.stock[k].on) out[k] = { quantity: Number(v.stock[k].quantity), level: v.stock[k].level };
        body.stock = out;
      }
      if (parts.safeHouse && v.beds.trim() !== '') body.safeHouseBeds = Number(v.beds);
      if (parts.hotline) body.hotlineWorking = v.hotline;
      if (v.note.trim()) body.note = v.note.trim();
      return body;
    })
    .pipe(AvailabilityPostSchema);
}
