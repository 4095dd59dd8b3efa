import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format.js';
import { useConnectionStore } from '../realtime/connectionStore.js';
import { useDeviceCopyStore } from '../realtime/deviceCopy.js';

/** Says, while the server cannot be reached, how old what the screen shows is. */
export function OfflineBanner() {
  const { t } = useTranslation();
  const f = useFormat();
  const state = useConnectionStore((s) => s.state);
  const since = useDeviceCopyStore((s) => s.lastContactAt);
  const source = useDeviceCopyStore((s) => s.source);
  const down =
    state === 'offline' || state === 'reconnecting' || (state === 'connecting' && source === 'device');
  if (!down || !since) return null;
  return (
    <p className="banner-offline" role="status" data-testid="offline-banner" data-since={since}>
      {t('conn.offlineSince', { time: f.time(since) })}
    </p>
  );
}
