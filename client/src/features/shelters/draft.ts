import { CHECKLIST_KEYS, NEEDS, type ShelterStatus } from '../../../../shared/enums.js';
import type { Checklist, Needs, Shelter, ShelterPatch } from '../../../../shared/schemas/shelters.js';

/** What the quick update form edits. */
export interface ShelterDraft {
  status: ShelterStatus;
  occupancy: number;
  households: number;
  needs: Needs;
  checklist: Checklist | null;
}

/** The fields of a patch other than its version: what the user changed. */
export type ShelterChanges = Omit<ShelterPatch, 'version'>;

export function draftFrom(s: Shelter): ShelterDraft {
  return {
    status: s.status,
    occupancy: s.occupancy,
    households: s.households,
    needs: { ...s.needs },
    checklist: s.checklist ? { ...s.checklist } : null,
  };
}

/** Only what differs from the record the draft was based on; needs and checklist item by item. */
export function diffDraft(base: Shelter, d: ShelterDraft): ShelterChanges {
  const out: ShelterChanges = {};
  if (d.status !== base.status) out.status = d.status;
  if (d.occupancy !== base.occupancy) out.occupancy = d.occupancy;
  if (d.households !== base.households) out.households = d.households;
  const needs: Partial<Needs> = {};
  for (const n of NEEDS) if (d.needs[n] !== base.needs[n]) needs[n] = d.needs[n];
  if (Object.keys(needs).length) out.needs = needs;
  if (d.checklist && base.checklist) {
    const cl: Partial<Checklist> = {};
    for (const k of CHECKLIST_KEYS) if (d.checklist[k] !== base.checklist[k]) cl[k] = d.checklist[k];
    if (Object.keys(cl).length) out.checklist = cl;
  }
  return out;
}

export function hasChanges(c: ShelterChanges): boolean {
  return Object.keys(c).length > 0;
}

/** Lay the user's changes over a newer record, to reapply them after a conflict. */
export function applyChangesToDraft(current: Shelter, c: ShelterChanges): ShelterDraft {
  const d = draftFrom(current);
  if (c.status !== undefined) d.status = c.status;
  if (c.occupancy !== undefined) d.occupancy = c.occupancy;
  if (c.households !== undefined) d.households = c.households;
  if (c.needs) d.needs = { ...d.needs, ...c.needs };
  if (c.checklist && d.checklist) d.checklist = { ...d.checklist, ...c.checklist };
  return d;
}
