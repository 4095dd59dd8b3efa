import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useFormat } from '../../lib/format.js';
import { useNavStore } from '../../app/navStore.js';
import { useShelterStore } from '../shelters/shelterStore.js';
import { useOutboxStore } from './outboxStore.js';

/** Writes kept on this device: how many wait, and the ones that need the user. */
export function OutboxBar() {
  const { t } = useTranslation();
  const f = useFormat();
  const { entries, flushing, flush, dismiss } = useOutboxStore(
    useShallow(({ entries, flushing, flush, dismiss }) => ({ entries, flushing, flush, dismiss })),
  );
  const open = useNavStore((s) => s.open);
  const byId = useShelterStore((s) => s.byId);
  if (entries.length === 0) return null;
  const pending = entries.filter((e) => e.state === 'pending').length;
  return (
    <section className="outbox" aria-label={t('outbox.title')} data-testid="outbox" data-pending={pending}>
      {pending > 0 && (
        <div className="outbox__row">
          <strong>{t('outbox.pending', { count: pending })}</strong>
          <button
            type="button"
            className="btn"
            disabled={flushing}
            onClick={() => void flush()}
            data-testid="outbox-send"
          >
            {t('outbox.sendNow')}
          </button>
        </div>
      )}
      {entries
        .filter((e) => e.state !== 'pending')
        .map((e) => (
          <div key={e.key} className="outbox__row">
            <span>
              {e.shelterId ? (byId[e.shelterId]?.name ?? '') : ''} ·{' '}
              {e.state === 'conflict'
                ? t('outbox.conflict')
                : t('outbox.failed', { message: e.error?.message ?? '' })}{' '}
              · {t('outbox.queuedAt', { when: f.time(e.queuedAt) })}
            </span>
            {e.state === 'conflict' && e.shelterId ? (
              <button
                type="button"
                className="btn"
                onClick={() => open({ kind: 'shelter', id: e.shelterId! })}
              >
                {t('panel.update')}
              </button>
            ) : (
              <button type="button" className="btn" onClick={() => dismiss(e.key)}>
                {t('outbox.remove')}
              </button>
            )}
          </div>
        ))}
    </section>
  );
}
