import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CareAlert } from '../../../../shared/schemas/careAlerts.js';
import { useNavStore } from '../../app/navStore.js';
import { api } from '../../lib/api.js';
import { errorText } from '../../lib/errorText.js';
import { useFormat } from '../../lib/format.js';
import { liveCareAlerts, useCareAlertStore } from './careAlertStore.js';
import { careAlertText } from './careAlertText.js';

/**
 * Duty-of-care alerts in force (ops officers, GBV coordinators): the rules the server evaluates on
 * every change and on a timer. Each is acknowledged once; it leaves the list when its condition ends.
 */
export function CareAlertList() {
  const { t } = useTranslation();
  const { t: tMain } = useTranslation();
  const f = useFormat();
  const byId = useCareAlertStore((s) => s.byId);
  const upsert = useCareAlertStore((s) => s.upsert);
  const open = useNavStore((s) => s.open);
  const [error, setError] = useState<string | null>(null);
  const list = useMemo(() => liveCareAlerts(byId), [byId]);
  if (list.length === 0) return null;
  // Folded by default: a region's alerts can be many; the summary counts those still unacknowledged.
  const openCount = list.filter((a) => a.status === 'open').length;

  const ack = async (a: CareAlert) => {
    setError(null);
    const r = await api.post<CareAlert>(`/api/care-alerts/${encodeURIComponent(a.id)}/acknowledge`, {
      version: a.version,
    });
    if (r.ok) upsert(r.data);
    else {
      if (r.status === 409 && r.error.current) upsert(r.error.current as CareAlert);
      setError(errorText(tMain, r.error));
    }
  };

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
                <button
                  type="button"
                  className="btn--link"
                  onClick={() => open({ kind: a.subjectKind, id: a.subjectId })}
                >
                  {a.subjectName}
                </button>
              )}
              : {careAlertText(tMain, a)} ·{' '}
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
      {error && <p className="alert alert--error">{error}</p>}
    </details>
  );
}
