import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GbvAlert } from '../../../../shared/schemas/services.js';
import { useNavStore } from '../../app/navStore.js';
import { serviceApi } from '../services/api.js';
import { errorText } from '../../lib/errorText.js';
import { useFormat } from '../../lib/format.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { openGbvAlerts, useGbvAlertStore } from './gbvAlertStore.js';

/**
 * Time-critical alerts for GBV coordinators: a clinical point closed or ran out of PEP or
 * emergency contraception. PEP must start within 72 hours of a rape, emergency contraception
 * within 120, so these stay on top until someone acknowledges them.
 */
export function GbvAlertBanner() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const byId = useGbvAlertStore((s) => s.byId);
  const upsert = useGbvAlertStore((s) => s.upsert);
  const byCode = useAreaStore((s) => s.byCode);
  const open = useNavStore((s) => s.open);
  const [error, setError] = useState<string | null>(null);
  const list = useMemo(() => openGbvAlerts(byId), [byId]);
  if (list.length === 0) return null;

  const ack = async (a: GbvAlert) => {
    setError(null);
    const r = await serviceApi.acknowledgeGbvAlert(a.id, a.version);
    if (r.ok) upsert(r.data);
    else {
      if (r.status === 409 && r.error.current) upsert(r.error.current as GbvAlert);
      setError(errorText(t, r.error));
    }
  };

  return (
    <section
      className="gbv-alerts"
      role="alert"
      aria-label={t('gbvAlerts.title')}
      data-testid="gbv-alert-banner"
    >
      <h2>
        {t('gbvAlerts.title')} ({list.length})
      </h2>
      <p className="small">{t('gbvAlerts.why')}</p>
      <ul className="gbv-alerts__items">
        {list.map((a) => (
          <li key={a.id} className="gbv-alerts__item" data-testid="gbv-alert-item" data-alert-id={a.id}>
            <span>
              <button
                type="button"
                className="btn--link"
                onClick={() => open({ kind: 'service', id: a.serviceId })}
              >
                {a.serviceName}
              </button>{' '}
              ({areaName(byCode[a.provinceCode], i18n.language, a.provinceCode)}):{' '}
              <strong>{a.reasons.map((r) => t(`gbvAlerts.reason.${r}`)).join(', ')}</strong> ·{' '}
              <time dateTime={a.createdAt}>{f.relative(a.createdAt)}</time>
              {a.simulated && <span className="badge badge--sim">{t('app.simulated')}</span>}
            </span>
            <button type="button" className="btn" data-testid="gbv-alert-ack" onClick={() => void ack(a)}>
              {t('gbvAlerts.ack')}
            </button>
          </li>
        ))}
      </ul>
      {error && <p className="alert alert--error">{error}</p>}
    </section>
  );
}
