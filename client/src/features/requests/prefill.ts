/** The request a `no` on a checklist item drafts; the mapping is shared with the duty-of-care rules. */
export { GAP_REQUEST_KIND } from '../../../../shared/domain/checklistGaps.js';

/** Priority of a drafted request: a safety gap in a shelter is urgent, not routine. */
export const GAP_PRIORITY = 'urgent' as const;
