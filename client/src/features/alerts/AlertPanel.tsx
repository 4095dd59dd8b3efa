import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskAlert } from '../../../../shared/schemas/alerts.js';
import { useNavStore } from '../../app/navStore.js';
import { alertApi } from './api.js';
import { errorText } from '../../lib/errorText.js';
import { useFormat } from '../../lib/format.js';
import { useNow } from '../../lib/useNow.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { useAuthStore } from '../auth/authStore.js';
import { useServiceStore } from '../services/serviceStore.js';
import { useShelterStore } from '../shelters/shelterStore.js';
import { AlertStatus, LevelBadge } from './AlertBits.js';
import { useAlertStore } from './alertStore.js';
import { writesAlert } from '../../../../shared/domain/permissions.js';
import { alertInForce, alertsAt } from './inAlert.js';

/** One risk alert: area, storm, validity, the shelters and services it flags; cancel or expire for operations. */
export function AlertPanel({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const now = useNow();
  const a = useAlertStore((s) => s.byId[id]);
  const upsert = useAlertStore((s) => s.upsert);
  const byCode = useAreaStore((s) => s.byCode);
  const shelters = useShelterStore((s) => s.byId);
  const services = useServiceStore((s) => s.byId);
  const me = useAuthStore((s) => s.me);
  const open = useNavStore((s) => s.open);
  const [notice, setNotice] = useState<string | null>(null);
  if (!a) return <p>{t('alerts.notFound')}</p>;
  const inForce = alertInForce(a, new Date(now));
  const flaggedShelters = inForce ? Object.values(shelters).filter((s) => alertsAt(s, [a]).length) : [];
  const flaggedServices = inForce ? Object.values(services).filter((s) => alertsAt(s, [a]).length) : [];
  const final = a.status === 'cancelled' || a.status === 'expired';
  const mayWrite = !!me && writesAlert(me, a.provinceCodes);

  const move = async (status: 'cancelled' | 'expired') => {
    setNotice(null);
    const r = await alertApi.patch(a.id, {
      version: a.version,
      status,
    });
    if (r.ok) upsert(r.data);
    else {
      if (r.status === 409 && r.error.current) upsert(r.error.current as RiskAlert);
      setNotice(errorText(t, r.error));
    }
  };

  return (
    <div className="detail" data-testid="alert-panel" data-alert-id={a.id}>
      <header className="detail__head">
        <h2 data-testid="panel-name">{a.title}</h2>
        <div className="detail__badges">
          <LevelBadge level={a.level} />
          <AlertStatus a={a} />
          {a.simulated && <span className="badge badge--sim">{t('app.simulated')}</span>}
        </div>
      </header>
      <dl className="kv">
        <dt>{t('alerts.hazard')}</dt>
        <dd>{t(`hazard.${a.hazard}`)}</dd>
        <dt>{t('alerts.validity')}</dt>
        <dd>
          {f.dateTime(a.validFrom)} – {f.dateTime(a.validTo)}
        </dd>
        <dt>{t('alerts.issuer')}</dt>
        <dd>
          {a.issuer}
          {a.bulletinNumber && ` · ${a.bulletinNumber}`}
        </dd>
        {a.provinceCodes.length > 0 && (
          <>
            <dt>{t('alerts.provinces')}</dt>
            <dd>{a.provinceCodes.map((c) => areaName(byCode[c], i18n.language, c)).join(', ')}</dd>
          </>
        )}
        {a.communeCodes.length > 0 && (
          <>
            <dt>{t('alerts.communes')}</dt>
            <dd>{a.communeCodes.join(', ')}</dd>
          </>
        )}
        {a.polygon && (
          <>
            <dt>{t('alerts.area')}</dt>
            <dd>{t('alerts.polygon')}</dd>
          </>
        )}
        {a.storm && (
          <>
            <dt>{t('alerts.storm')}</dt>
            <dd>
              {a.storm.name}
              {a.storm.position &&
                ` · ${t('alerts.position', { lat: a.storm.position.lat.toFixed(1), lon: a.storm.position.lon.toFixed(1), at: f.dateTime(a.storm.position.at) })}`}
              {a.storm.landfallAt && ` · ${t('alerts.landfall', { at: f.dateTime(a.storm.landfallAt) })}`}
            </dd>
          </>
        )}
      </dl>
      {inForce && (
        <>
          <h3>{t('alerts.flaggedTitle', { count: flaggedShelters.length + flaggedServices.length })}</h3>
          <ul className="links" data-testid="alert-flagged">
            {flaggedShelters.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className="btn--link"
                  onClick={() => open({ kind: 'shelter', id: s.id })}
                >
                  {s.name}
                </button>
              </li>
            ))}
            {flaggedServices.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className="btn--link"
                  onClick={() => open({ kind: 'service', id: s.id })}
                >
                  {s.name}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {mayWrite && !final && (
        <div className="qform__actions">
          <button
            type="button"
            className="btn"
            data-testid="alert-cancel"
            onClick={() => void move('cancelled')}
          >
            {t('alerts.cancel')}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="alert-expire"
            onClick={() => void move('expired')}
          >
            {t('alerts.expire')}
          </button>
        </div>
      )}
      {notice && (
        <p className="alert alert--error" role="alert">
          {notice}
        </p>
      )}
    </div>
  );
}
