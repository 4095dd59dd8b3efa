import type { CareAlert } from '../../../../shared/schemas/careAlerts.js';

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * What a duty-of-care alert is about, in the reader's language. The figures, the threshold among
 * them, come with the alert from the server's configuration (CARE_* settings), so the text names the
 * limit the alert was raised under ("for more than 6 h") and stays right when a threshold changes.
 */
export function careAlertText(t: T, a: Pick<CareAlert, 'rule' | 'item' | 'detail'>): string {
  return t(`careAlerts.rule.${a.rule}`, {
    ...a.detail,
    item: a.item ? t(`checklist.${a.item}`) : '',
  });
}
