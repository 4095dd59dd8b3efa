import { useTranslation } from 'react-i18next';
import { DetailFrame, ErrorNote, Fact, RecordLink, SimulatedBadge } from '../../app/ui/Detail.js';
import { useVersionedWrite } from '../../app/ui/useVersionedWrite.js';
import { alertApi } from './api.js';
import { useFormat } from '../../lib/format.js';
import { useNow } from '../../lib/useNow.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { useAuthStore } from '../auth/authStore.js';
import { AlertStatus, LevelBadge } from './AlertBits.js';
import { useAlertStore } from './alertStore.js';
import { writesAlert } from '../../../../shared/domain/permissions.js';
import { alertInForce, useFlaggedBy } from './inAlert.js';

/** The ends an alert may be given by hand, with the verb its button and label use. */
const ENDS = [
  ['cancelled', 'cancel'],
  ['expired', 'expire'],
] as const;

/** One risk alert: area, storm, validity, the shelters and services it flags; cancel or expire for operations. */
export function AlertPanel({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const now = useNow();
  const a = useAlertStore((s) => s.byId[id]);
  const byCode = useAreaStore((s) => s.byCode);
  const flaggedBy = useFlaggedBy();
  const me = useAuthStore((s) => s.me);
  const write = useVersionedWrite(useAlertStore((s) => s.upsert));
  if (!a) return <p>{t('alerts.notFound')}</p>;
  const inForce = alertInForce(a, new Date(now));
  const flagged = inForce ? flaggedBy(a) : [];
  const final = a.status === 'cancelled' || a.status === 'expired';
  const mayWrite = !!me && writesAlert(me, a.provinceCodes);
  const move = (status: 'cancelled' | 'expired') =>
    write.run(() => alertApi.patch(a.id, { version: a.version, status }));

  return (
    <DetailFrame
      data={{ 'data-testid': 'alert-panel', 'data-alert-id': a.id }}
      title={a.title}
      badges={
        <>
          <LevelBadge level={a.level} />
          <AlertStatus a={a} />
          <SimulatedBadge on={a.simulated} />
        </>
      }
    >
      <dl className="kv">
        <Fact label={t('alerts.hazard')}>{t(`hazard.${a.hazard}`)}</Fact>
        <Fact label={t('alerts.validity')}>
          {f.dateTime(a.validFrom)} – {f.dateTime(a.validTo)}
        </Fact>
        <Fact label={t('alerts.issuer')}>
          {a.issuer}
          {a.bulletinNumber && ` · ${a.bulletinNumber}`}
        </Fact>
        {a.provinceCodes.length > 0 && (
          <Fact label={t('alerts.provinces')}>
            {a.provinceCodes.map((c) => areaName(byCode[c], i18n.language, c)).join(', ')}
          </Fact>
        )}
        {a.communeCodes.length > 0 && <Fact label={t('alerts.communes')}>{a.communeCodes.join(', ')}</Fact>}
        {a.polygon && <Fact label={t('alerts.area')}>{t('alerts.polygon')}</Fact>}
        {a.storm && (
          <Fact label={t('alerts.storm')}>
            {a.storm.name}
            {a.storm.position &&
              ` · ${t('alerts.position', { lat: a.storm.position.lat.toFixed(1), lon: a.storm.position.lon.toFixed(1), at: f.dateTime(a.storm.position.at) })}`}
            {a.storm.landfallAt && ` · ${t('alerts.landfall', { at: f.dateTime(a.storm.landfallAt) })}`}
          </Fact>
        )}
      </dl>
      {inForce && (
        <>
          <h3>{t('alerts.flaggedTitle', { count: flagged.length })}</h3>
          <ul className="links" data-testid="alert-flagged">
            {flagged.map((p) => (
              <li key={`${p.kind}:${p.id}`}>
                <RecordLink kind={p.kind} id={p.id}>
                  {p.name}
                </RecordLink>
              </li>
            ))}
          </ul>
        </>
      )}
      {mayWrite && !final && (
        <div className="qform__actions">
          {ENDS.map(([status, verb]) => (
            <button
              key={verb}
              type="button"
              className="btn"
              data-testid={`alert-${verb}`}
              onClick={() => void move(status)}
            >
              {t(`alerts.${verb}`)}
            </button>
          ))}
        </div>
      )}
      <ErrorNote text={write.error} />
    </DetailFrame>
  );
}
