import type { TFunction } from 'i18next';
import type { ApiError } from '../../../shared/schemas/api.js';

/**
 * A refusal in words: the server's reasons field by field when it names them (for instance why
 * free text with a phone number was refused), else its message.
 */
export function errorText(t: TFunction, error: ApiError): string {
  if (error.code === 'forbidden') return t('errors.forbidden', { message: error.message });
  if (error.issues?.length)
    return error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join(' · ');
  if (error.code === 'unavailable') return t('errors.offline');
  if (error.code === 'outcome_unknown') return t('errors.unknown');
  return error.message;
}
