import { useTranslation } from 'react-i18next';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { useOutboxPost } from '../outbox/useOutboxPost.js';
import { asShelter, shelterPaths } from './api.js';
import type { ShelterChanges } from './draft.js';

/**
 * A shelter form's write through the outbox: sent now, or kept and sent when the connection returns.
 * `onSaved` gets the stored record when the server answered at once.
 */
export function useShelterSend(shelterId: string, onSaved: (s: Shelter) => void) {
  const { t } = useTranslation();
  const { busy, notice, setNotice, post } = useOutboxPost();

  const send = async (body: ShelterChanges, version: number, okText: string) => {
    const r = await post({
      method: 'PATCH',
      path: shelterPaths.one(shelterId),
      body: { version, ...body },
      shelterId,
      // One logical post per shelter form: saving again while offline updates the queued post.
      slot: `shelter-form:${shelterId}`,
    });
    switch (r.kind) {
      case 'sent': {
        const s = asShelter(r.data);
        if (s) onSaved(s);
        setNotice({ tone: 'ok', text: okText });
        break;
      }
      case 'queued':
        setNotice({ tone: 'warn', text: r.replaced ? t('form.queuedUpdated') : t('form.queued') });
        break;
      case 'conflict':
        break;
      case 'refused': {
        const text =
          r.error.code === 'forbidden'
            ? t('form.forbidden')
            : r.error.issues?.length
              ? t('form.invalid', { list: r.error.issues.map((i) => `${i.path}: ${i.message}`).join('; ') })
              : t('form.failed', { message: r.error.message });
        setNotice({ tone: 'error', text });
      }
    }
  };

  return { busy, notice, setNotice, send };
}
