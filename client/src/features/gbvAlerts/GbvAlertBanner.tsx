import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { GbvAlert } from '../../../../shared/schemas/services.js';
import { ErrorNote, RecordLink, SimulatedBadge } from '../../app/ui/Detail.js';
import { useVersionedWrite } from '../../app/ui/useVersionedWrite.js';
import { serviceApi } from '../services/api.js';
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
  const byCode = useAreaStore((s) => s.byCode);
  const write = useVersionedWrite(useGbvAlertStore((s) => s.upsert));
  const list = useMemo(() => openGbvAlerts(byId), [byId]);
  if (list.length === 0) return null;
  const ack = (a: GbvAlert) => write.run(() => serviceApi.acknowledgeGbvAlert(a.id, a.version));

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
              <RecordLink kind="service" id={a.serviceId}>
                {a.serviceName}
              </RecordLink>{' '}
              ({areaName(byCode[a.provinceCode], i18n.language, a.provinceCode)}):{' '}
              <strong>{a.reasons.map((r) => t(`gbvAlerts.reason.${r}`)).join(', ')}</strong> ·{' '}
              <time dateTime={a.createdAt}>{f.relative(a.createdAt)}</time>
              <SimulatedBadge on={a.simulated} />
            </span>
            <button type="button" className="btn" data-testid="gbv-alert-ack" onClick={() => void ack(a)}>
              {t('gbvAlerts.ack')}
            </button>
          </li>
        ))}
      </ul>
      <ErrorNote text={write.error} announce={false} />
    </section>
  );
}
