import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CareAlert } from '../../../../shared/schemas/careAlerts.js';
import { ErrorNote, RecordLink } from '../../app/ui/Detail.js';
import { useVersionedWrite } from '../../app/ui/useVersionedWrite.js';
import { careAlertApi } from './api.js';
import { useFormat } from '../../lib/format.js';
import { liveCareAlerts, useCareAlertStore } from './careAlertStore.js';
import { careAlertText } from './careAlertText.js';

/**
 * Duty-of-care alerts in force (ops officers, GBV coordinators): the rules the server evaluates on
 * every change and on a timer. Each is acknowledged once; it leaves the list when its condition ends.
 */
export function CareAlertList() {
  const { t } = useTranslation();
  const f = useFormat();
  const byId = useCareAlertStore((s) => s.byId);
  const write = useVersionedWrite(useCareAlertStore((s) => s.upsert));
  const list = useMemo(() => liveCareAlerts(byId), [byId]);
  if (list.length === 0) return null;
  // Folded by default: a region's alerts can be many; the summary counts those still unacknowledged.
  const openCount = list.filter((a) => a.status === 'open').length;

  const ack = (a: CareAlert) => write.run(() => careAlertApi.acknowledge(a.id, a.version));

  return (
    <details className="care-alerts" data-testid="care-alert-list">
      <summary>
        <strong>{t('careAlerts.title')}</strong> ({t('careAlerts.openCount', { count: openCount })} /{' '}
        {list.length})
      </summary>
      <ul className="care-alerts__items">
        {list.map((a) => (
          <li key={a.id} data-testid="care-alert-item" data-rule={a.rule} data-status={a.status}>
            <span>
              {a.masked ? (
                t('careAlerts.safeHouse')
              ) : (
                <RecordLink kind={a.subjectKind} id={a.subjectId}>
                  {a.subjectName}
                </RecordLink>
              )}
              : {careAlertText(t, a)} ·{' '}
              {a.raisedAt && <time dateTime={a.raisedAt}>{f.relative(a.raisedAt)}</time>}
            </span>
            {a.status === 'open' ? (
              <button type="button" className="btn" data-testid="care-alert-ack" onClick={() => void ack(a)}>
                {t('careAlerts.ack')}
              </button>
            ) : (
              <span className="muted">{t('careAlerts.acknowledged')}</span>
            )}
          </li>
        ))}
      </ul>
      <ErrorNote text={write.error} announce={false} />
    </details>
  );
}
