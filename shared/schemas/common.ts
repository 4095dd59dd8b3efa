import { z } from 'zod';
import { LIMITS, VN_BOUNDS } from '../limits.js';
import { StorableStringSchema } from './text.js';

/** A record id. */
export const IdSchema = z.uuid();

/** ISO 8601 timestamp with offset. */
export const TimestampSchema = z.iso.datetime({ offset: true });

/** A province code: two digits, leading zero kept. */
export const ProvinceCodeSchema = z.string().regex(/^\d{2}$/, 'must be a 2-digit province code');

/** A commune code: five digits, leading zeros kept. */
export const CommuneCodeSchema = z.string().regex(/^\d{5}$/, 'must be a 5-digit commune code');

/** Latitude inside Viet Nam's bounds. */
export const LatSchema = z
  .number()
  .min(VN_BOUNDS.minLat, `must be within Viet Nam (${VN_BOUNDS.minLat} to ${VN_BOUNDS.maxLat})`)
  .max(VN_BOUNDS.maxLat, `must be within Viet Nam (${VN_BOUNDS.minLat} to ${VN_BOUNDS.maxLat})`);

/** Longitude inside Viet Nam's bounds. */
export const LonSchema = z
  .number()
  .min(VN_BOUNDS.minLon, `must be within Viet Nam (${VN_BOUNDS.minLon} to ${VN_BOUNDS.maxLon})`)
  .max(VN_BOUNDS.maxLon, `must be within Viet Nam (${VN_BOUNDS.minLon} to ${VN_BOUNDS.maxLon})`);

/** A count of persons or households. */
export const CountSchema = z.number().int().min(0).max(LIMITS.personsMax);

/** A name: trimmed, non-empty, bounded. */
export const NameSchema = StorableStringSchema().trim().min(1).max(LIMITS.nameMax);

/** A role phone number for an institution (a switchboard, a hotline), never a personal mobile. */
export const RolePhoneSchema = z
  .string()
  .trim()
  .max(LIMITS.phoneMax)
  .regex(/^[+\d][\d\s().-]{2,}$/, 'must be a phone number');

/** The fields every record carries (SPEC 2). */
export const RecordMetaSchema = z.object({
  id: IdSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int().min(1),
  updatedBy: IdSchema.nullable(),
  orgId: IdSchema.nullable(),
});

/** Optimistic concurrency: the version a write was based on. */
export const VersionSchema = z.number().int().min(1);

/** A refinement: `.refine(...check)` on an object schema. */
type Refinement = [(p: object) => boolean, { message: string; path: string[] }];

/** A patch changes something besides its version (and the keys in `besides`, which ride along). */
export function changesSomething(besides: readonly string[] = []): Refinement {
  return [
    (p) => Object.keys(p).filter((k) => !besides.includes(k)).length > 1,
    { message: 'nothing to change', path: ['version'] },
  ];
}

/**
 * The body of a PATCH: the version the write was based on and the optional fields of `shape`, at least
 * one of which (besides the keys in `besides`, which ride along) it changes.
 */
export function patchSchema<S extends z.ZodRawShape>(shape: S, besides: readonly string[] = []) {
  return z.strictObject({ version: VersionSchema, ...shape }).refine(...changesSomething(besides));
}

/** A patch moves a position whole: lat and lon change together. */
export const latLonTogether: Refinement = [
  (p: { lat?: unknown; lon?: unknown }) => (p.lat === undefined) === (p.lon === undefined),
  { message: 'lat and lon change together', path: ['lon'] },
];
