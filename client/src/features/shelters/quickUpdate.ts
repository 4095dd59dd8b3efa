import { z } from 'zod';
import { ChecklistSchema, NeedsSchema, ShelterPatchSchema } from '../../../../shared/schemas/shelters.js';
import { countText } from '../../lib/forms/numbers.js';
import type { ShelterDraft } from './draft.js';

/** What the quick update form holds: the draft, with the two counts as typed. */
export interface QuickUpdateValues {
  status: ShelterDraft['status'];
  occupancy: string;
  households: string;
  needs: ShelterDraft['needs'];
  checklist: ShelterDraft['checklist'];
}

const patch = ShelterPatchSchema.shape;

/** The quick update form, over the fields of the shared shelter patch; its output is a draft. */
export const QuickUpdateSchema = z.object({
  status: patch.status.unwrap(),
  occupancy: countText(patch.occupancy.unwrap()),
  households: countText(patch.households.unwrap()),
  needs: NeedsSchema,
  checklist: ChecklistSchema.nullable(),
});

/** The form's values for a draft. */
export function toValues(d: ShelterDraft): QuickUpdateValues {
  return { ...d, occupancy: String(d.occupancy), households: String(d.households) };
}

/** A count as typed, or null while it is not one the patch would take. */
export function parseCount(text: string): number | null {
  const r = QuickUpdateSchema.shape.occupancy.safeParse(text);
  return r.success ? r.data : null;
}
