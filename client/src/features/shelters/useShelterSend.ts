import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { newIdempotencyKey } from '../../lib/api.js';
import type { Notice } from '../../lib/forms/FormError.js';
import { useOutboxStore } from '../outbox/outboxStore.js';
import { asShelter, shelterPaths } from './api.js';
import type { ShelterChanges } from './draft.js';

/**
 * A shelter form's write through the outbox: sent now, or kept and sent when the connection returns.
 * `onSaved` gets the stored record when the server answered at once.
 */
export function useShelterSend(shelterId: string, onSaved: (s: Shelter) => void) {
  const { t } = useTranslation();
  const submit = useOutboxStore((s) => s.submit);
  const dismiss = useOutboxStore((s) => s.dismiss);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  const send = async (body: ShelterChanges, version: number, okText: string) => {
    setBusy(true);
    setNotice(null);
    const key = newIdempotencyKey();
    const r = await submit({
      key,
      method: 'PATCH',
      path: shelterPaths.one(shelterId),
      body: { version, ...body },
      shelterId,
      // One logical post per shelter form: saving again while offline updates the queued post.
      slot: `shelter-form:${shelterId}`,
    });
    setBusy(false);
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
        dismiss(key);
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
