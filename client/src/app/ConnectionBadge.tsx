import { useTranslation } from 'react-i18next';
import { useConnectionStore } from '../realtime/connectionStore.js';

export function ConnectionBadge() {
  const { t } = useTranslation();
  const state = useConnectionStore((s) => s.state);
  return (
    <div
      className={`conn conn--${state}`}
      data-testid="connection-state"
      data-state={state}
      role="status"
      aria-live="polite"
    >
      <span className="conn__dot" aria-hidden="true" />
      <span className="sr-only">{t('conn.label')}: </span>
      {t(`conn.${state}`)}
    </div>
  );
}
