import {
  CHECKLIST_KEYS,
  CRITICAL_CHECKLIST_KEYS,
  type ChecklistAnswer,
  type ChecklistKey,
} from '../enums.js';

/** Safety score: the number of critical checklist items answered `yes`, out of 8. */
export function safetyScore(checklist: Partial<Record<ChecklistKey, ChecklistAnswer>>): number {
  return CRITICAL_CHECKLIST_KEYS.filter((k) => checklist[k] === 'yes').length;
}

/** A checklist with every item `unknown`, the state of a newly listed shelter. */
export function emptyChecklist(): Record<ChecklistKey, ChecklistAnswer> {
  return Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, 'unknown'])) as Record<
    ChecklistKey,
    ChecklistAnswer
  >;
}

/** Critical items answered `no`: each one offers a pre-filled coordination request. */
export function criticalGaps(checklist: Partial<Record<ChecklistKey, ChecklistAnswer>>): ChecklistKey[] {
  return CRITICAL_CHECKLIST_KEYS.filter((k) => checklist[k] === 'no');
}
