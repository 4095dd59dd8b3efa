import type { ChecklistKey, RequestKind } from '../enums.js';

/**
 * The request a `no` on a checklist item drafts (SPEC 2.2): what is missing, as a kind of request.
 * Items with no supply to send (briefing, a way to raise concerns, posted hotlines) ask for a safety
 * audit by the GBV actors, who follow up on the spot. The client drafts with it; the duty-of-care
 * rules look for an open request of this kind.
 */
export const GAP_REQUEST_KIND: Readonly<Record<ChecklistKey, RequestKind>> = {
  lighting: 'lighting',
  separateSleeping: 'locks_partitions',
  latrinesSeparated: 'latrine_separation',
  latrinesLock: 'locks_partitions',
  privateBathing: 'dignity_kits',
  accessibleLatrine: 'other',
  femaleStaff: 'female_staff',
  womenOnCommittee: 'other',
  staffBriefed: 'safety_audit',
  concernsChannel: 'safety_audit',
  hotlinesPosted: 'safety_audit',
  dignityKits: 'dignity_kits',
  safeDistributions: 'safety_audit',
  womenSpace: 'other',
};
