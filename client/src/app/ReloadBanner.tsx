import { useTranslation } from 'react-i18next';
import { useConnectionStore } from '../realtime/connectionStore.js';

/** Asks the user to reload when the server speaks another realtime protocol than this page. */
export function ReloadBanner() {
  const { t } = useTranslation();
  const reloadNeeded = useConnectionStore((s) => s.reloadNeeded);
  if (!reloadNeeded) return null;
  return (
    <p className="banner-reload" role="alert" data-testid="reload-banner">
      {t('conn.reloadNeeded')}{' '}
      <button type="button" className="btn" onClick={() => window.location.reload()}>
        {t('conn.reload')}
      </button>
    </p>
  );
}
