import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isOpenRequest } from '../../../../shared/domain/requestWorkflow.js';
import { STOCK_ITEMS } from '../../../../shared/enums.js';
import { STALE_HOURS } from '../../../../shared/limits.js';
import type { Availability, ServicePoint } from '../../../../shared/schemas/services.js';
import { useNavStore } from '../../app/navStore.js';
import { serviceApi } from './api.js';
import { useFormat } from '../../lib/format.js';
import { useNow } from '../../lib/useNow.js';
import { AlertFlag } from '../alerts/AlertFlag.js';
import { alertsAt, useAlertsInForce } from '../alerts/inAlert.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { useAuthStore } from '../auth/authStore.js';
import { useOrganisationStore } from '../organisations/organisationStore.js';
import { useRequestStore } from '../requests/requestStore.js';
import { AvailabilityForm } from './AvailabilityForm.js';
import { isServiceStale } from './filters.js';
import { editsService } from '../../../../shared/domain/permissions.js';
import {
  LastConfirmed,
  Phone,
  PositionNote,
  ServiceName,
  ServiceStatusBadge,
  ServiceTypes,
} from './ServiceBits.js';
import { useServiceStore } from './serviceStore.js';

/** One service point: availability with stock for those allowed, directory facts, history, and the availability form. */
export function ServicePanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const s = useServiceStore((st) => st.byId[id]);
  const me = useAuthStore((st) => st.me);
  const now = useNow();
  const inForce = useAlertsInForce();
  if (!s) return <p>{t('services.notFound')}</p>;
  const stale = isServiceStale(s.lastReportedAt, now);
  return (
    <div className="detail" data-testid="service-panel" data-service-id={s.id}>
      <header className="detail__head">
        <h2 data-testid="panel-name">
          <ServiceName s={s} />
        </h2>
        <div className="detail__badges">
          <ServiceStatusBadge status={s.availability.status} />
          {stale && <span className="badge badge--stale">{t('list.stale')}</span>}
          {s.simulated && <span className="badge badge--sim">{t('app.simulated')}</span>}
          <AlertFlag alerts={alertsAt(s, inForce)} />
        </div>
      </header>
      {stale && (
        <p className="alert alert--warn">{t('panel.staleWarning', { hours: STALE_HOURS.service })}</p>
      )}
      <AvailabilityFacts s={s} now={now} />
      {me && editsService(me, s) && <AvailabilityForm key={s.id} service={s} />}
      <DirectoryFacts s={s} />
      <LinkedRequests serviceId={s.id} />
      <History s={s} />
    </div>
  );
}

function AvailabilityFacts({ s, now }: { s: ServicePoint; now: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const av = s.availability;
  return (
    <>
      <dl className="kv">
        <dt>{t('services.availability')}</dt>
        <dd>
          <ServiceStatusBadge status={av.status} />
          {av.reasons.length > 0 && ` · ${av.reasons.map((r) => t(`serviceReason.${r}`)).join(', ')}`}
        </dd>
        {av.expectedRestoreAt && (
          <>
            <dt>{t('services.expectedRestore')}</dt>
            <dd>{f.dateTime(av.expectedRestoreAt)}</dd>
          </>
        )}
        <dt>{t('services.lastConfirmed')}</dt>
        <dd>
          <LastConfirmed s={s} now={now} />
        </dd>
        {av.hotlineWorking !== null && (
          <>
            <dt>{t('services.hotline')}</dt>
            <dd>{av.hotlineWorking ? t('services.hotlineUp') : t('services.hotlineDown')}</dd>
          </>
        )}
        {av.safeHouseBeds !== null && (
          <>
            <dt>{t('services.beds')}</dt>
            <dd data-testid="service-beds">{f.number(av.safeHouseBeds)}</dd>
          </>
        )}
        {av.note && (
          <>
            <dt>{t('services.note')}</dt>
            <dd>{av.note}</dd>
          </>
        )}
      </dl>
      {av.stock && (
        <table className="table" data-testid="service-stock">
          <caption>{t('services.stock')}</caption>
          <tbody>
            {STOCK_ITEMS.filter((k) => av.stock?.[k]).map((k) => (
              <tr key={k} className={`stock stock--${av.stock![k]!.level}`}>
                <th scope="row">{t(`stock.${k}`)}</th>
                <td>{f.number(av.stock![k]!.quantity)}</td>
                <td>
                  <strong>{t(`needLevel.${av.stock![k]!.level}`)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function DirectoryFacts({ s }: { s: ServicePoint }) {
  const { t, i18n } = useTranslation();
  const province = useAreaStore((st) => st.byCode[s.provinceCode]);
  const org = useOrganisationStore((st) => (s.providerOrgId ? st.byId[s.providerOrgId] : undefined));
  return (
    <dl className="kv">
      <dt>{t('services.types')}</dt>
      <dd>
        <ServiceTypes types={s.types} />
      </dd>
      <dt>{t('panel.province')}</dt>
      <dd>{areaName(province, i18n.language, s.provinceCode)}</dd>
      <dt>{t('services.position')}</dt>
      <dd>{s.positionShown === 'exact' ? t('services.exactPosition') : <PositionNote s={s} />}</dd>
      {org && (
        <>
          <dt>{t('services.provider')}</dt>
          <dd>{org.acronym ?? org.name}</dd>
        </>
      )}
      {s.contactPhone && (
        <>
          <dt>{t('panel.contact')}</dt>
          <dd>
            <Phone phone={s.contactPhone} />
          </dd>
        </>
      )}
      <dt>{t('services.hours')}</dt>
      <dd>{s.open24h ? t('services.open24h') : (s.hours ?? '—')}</dd>
      <dt>{t('services.languages')}</dt>
      <dd>{s.languages.join(', ')}</dd>
      <dt>{t('services.cost')}</dt>
      <dd>{t(`serviceCost.${s.cost}`)}</dd>
      <dt>{t('services.referral')}</dt>
      <dd>{t(`referral.${s.referral}`)}</dd>
    </dl>
  );
}

function LinkedRequests({ serviceId }: { serviceId: string }) {
  const { t } = useTranslation();
  const byId = useRequestStore((s) => s.byId);
  const open = useNavStore((s) => s.open);
  const list = useMemo(
    () => Object.values(byId).filter((r) => r.serviceId === serviceId && isOpenRequest(r.status)),
    [byId, serviceId],
  );
  if (list.length === 0) return null;
  return (
    <>
      <h3>{t('requests.openCount', { count: list.length })}</h3>
      <ul className="links">
        {list.map((r) => (
          <li key={r.id}>
            <button type="button" className="btn--link" onClick={() => open({ kind: 'request', id: r.id })}>
              {r.title}
            </button>{' '}
            <span className="muted">{t(`requestStatus.${r.status}`)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function History({ s }: { s: ServicePoint }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [state, setState] = useState<{ forVersion: number; entries: Availability[] | null } | null>(null);
  const load = async () => {
    const r = await serviceApi.availabilityHistory(s.id);
    setState({ forVersion: s.version, entries: r.ok ? r.data : null });
  };
  return (
    <details
      className="history"
      onToggle={(e) => (e.currentTarget.open && state?.forVersion !== s.version ? void load() : undefined)}
    >
      <summary>{t('services.history')}</summary>
      {state && !state.entries && <p className="muted">{t('panel.historyFailed')}</p>}
      {state?.entries && (
        <ol className="history__list" data-testid="service-history">
          {state.entries.map((h) => (
            <li key={h.reportedAt}>
              <time dateTime={h.reportedAt}>{f.dateTime(h.reportedAt)}</time> {t(`serviceStatus.${h.status}`)}
              {h.reasons.length > 0 && ` (${h.reasons.map((r) => t(`serviceReason.${r}`)).join(', ')})`}
              {h.note && ` · ${h.note}`}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
