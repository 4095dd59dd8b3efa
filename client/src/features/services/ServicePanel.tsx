import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DetailFrame, Fact, RecordLink, SimulatedBadge } from '../../app/ui/Detail.js';
import { isOpenRequest } from '../../../../shared/domain/requestWorkflow.js';
import { STOCK_ITEMS } from '../../../../shared/enums.js';
import { STALE_HOURS } from '../../../../shared/limits.js';
import type { Availability, ServicePoint } from '../../../../shared/schemas/services.js';
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
    <DetailFrame
      data={{ 'data-testid': 'service-panel', 'data-service-id': s.id }}
      title={<ServiceName s={s} />}
      badges={
        <>
          <ServiceStatusBadge status={s.availability.status} />
          {stale && <span className="badge badge--stale">{t('list.stale')}</span>}
          <SimulatedBadge on={s.simulated} />
          <AlertFlag alerts={alertsAt(s, inForce)} />
        </>
      }
    >
      {stale && (
        <p className="alert alert--warn">{t('panel.staleWarning', { hours: STALE_HOURS.service })}</p>
      )}
      <AvailabilityFacts s={s} now={now} />
      {me && editsService(me, s) && <AvailabilityForm key={s.id} service={s} />}
      <DirectoryFacts s={s} />
      <LinkedRequests serviceId={s.id} />
      <History s={s} />
    </DetailFrame>
  );
}

function AvailabilityFacts({ s, now }: { s: ServicePoint; now: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const av = s.availability;
  return (
    <>
      <dl className="kv">
        <Fact label={t('services.availability')}>
          <ServiceStatusBadge status={av.status} />
          {av.reasons.length > 0 && ` · ${av.reasons.map((r) => t(`serviceReason.${r}`)).join(', ')}`}
        </Fact>
        {av.expectedRestoreAt && (
          <Fact label={t('services.expectedRestore')}>{f.dateTime(av.expectedRestoreAt)}</Fact>
        )}
        <Fact label={t('services.lastConfirmed')}>
          <LastConfirmed s={s} now={now} />
        </Fact>
        {av.hotlineWorking !== null && (
          <Fact label={t('services.hotline')}>
            {av.hotlineWorking ? t('services.hotlineUp') : t('services.hotlineDown')}
          </Fact>
        )}
        {av.safeHouseBeds !== null && (
          <Fact label={t('services.beds')} testId="service-beds">
            {f.number(av.safeHouseBeds)}
          </Fact>
        )}
        {av.note && <Fact label={t('services.note')}>{av.note}</Fact>}
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
      <Fact label={t('services.types')}>
        <ServiceTypes types={s.types} />
      </Fact>
      <Fact label={t('panel.province')}>{areaName(province, i18n.language, s.provinceCode)}</Fact>
      <Fact label={t('services.position')}>
        {s.positionShown === 'exact' ? t('services.exactPosition') : <PositionNote s={s} />}
      </Fact>
      {org && <Fact label={t('services.provider')}>{org.acronym ?? org.name}</Fact>}
      {s.contactPhone && (
        <Fact label={t('panel.contact')}>
          <Phone phone={s.contactPhone} />
        </Fact>
      )}
      <Fact label={t('services.hours')}>{s.open24h ? t('services.open24h') : (s.hours ?? '—')}</Fact>
      <Fact label={t('services.languages')}>{s.languages.join(', ')}</Fact>
      <Fact label={t('services.cost')}>{t(`serviceCost.${s.cost}`)}</Fact>
      <Fact label={t('services.referral')}>{t(`referral.${s.referral}`)}</Fact>
    </dl>
  );
}

function LinkedRequests({ serviceId }: { serviceId: string }) {
  const { t } = useTranslation();
  const byId = useRequestStore((s) => s.byId);
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
            <RecordLink kind="request" id={r.id}>
              {r.title}
            </RecordLink>{' '}
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
