import { z } from 'zod';
import type { SHELTER_KINDS, ShelterStatus } from '../../../../shared/enums.js';
import { ShelterCreateSchema } from '../../../../shared/schemas/shelters.js';
import { countText, decimalText } from '../../lib/forms/numbers.js';

/** The statuses a new shelter may start in. */
export const START_STATUSES = ['standby', 'open'] as const satisfies readonly ShelterStatus[];

/** What the new-shelter form holds: the position and capacity as typed. */
export interface CreateShelterValues {
  name: string;
  kind: (typeof SHELTER_KINDS)[number];
  provinceCode: string;
  lat: string;
  lon: string;
  capacity: string;
  status: (typeof START_STATUSES)[number];
}

const create = ShelterCreateSchema.shape;

// The form's fields over the shared create schema's, the numbers parsed from their boxes.
const fields = z.object({
  name: create.name,
  kind: create.kind,
  provinceCode: create.provinceCode,
  lat: decimalText(create.lat),
  lon: decimalText(create.lon),
  capacity: countText(create.capacity),
  status: z.enum(START_STATUSES),
});

/** The form's values as the body of POST /api/shelters, checked by the shared create schema. */
export const CreateShelterSchema = fields
  .transform((v): z.input<typeof ShelterCreateSchema> => ({ ...v, occupancy: 0, households: 0 }))
  .pipe(ShelterCreateSchema);

/** The form's fields in the order it shows them, with their labels' keys, to name refused ones. */
export const FIELD_LABELS = {
  name: 'create.name',
  provinceCode: 'create.province',
  lat: 'create.lat',
  lon: 'create.lon',
  capacity: 'create.capacity',
} as const;

/** False while a coordinate box holds text that is not a coordinate in Viet Nam. */
export const coordOk = (field: 'lat' | 'lon', text: string) =>
  text === '' || fields.shape[field].safeParse(text).success;
