import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isOpenRequest } from '../../../../shared/domain/requestWorkflow.js';
import { SERVICE_STATUSES, SERVICE_TYPES, type ServiceType } from '../../../../shared/enums.js';
import { useFilterStore } from '../../app/filterStore.js';
import { useNavStore } from '../../app/navStore.js';
import { useFormat } from '../../lib/format.js';
import { useNow } from '../../lib/useNow.js';
import { AlertFlag } from '../alerts/AlertFlag.js';
import { alertsAt, useAlertsInForce } from '../alerts/inAlert.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { ProvinceSelect } from '../areas/ProvinceSelect.js';
import { useRequestStore } from '../requests/requestStore.js';
import { StatusChips } from '../shelters/StatusChips.js';
import { selectServices } from './filters.js';
import { LastConfirmed, PositionNote, ServiceName, ServiceStatusBadge, ServiceTypes } from './ServiceBits.js';
import { useServiceStore } from './serviceStore.js';
import { SERVICE_STATUS_COLORS } from './serviceStyle.js';
import { ExportLinks } from '../export/ExportLinks.js';
import { ImportButton } from '../import/ImportButton.js';

/** The referral pathway as a list: filters by province, availability and type; a row per service. */
export function ServicesTab() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const now = useNow();
  const byId = useServiceStore((s) => s.byId);
  const filter = useFilterStore((s) => s.services);
  const setFilter = useFilterStore((s) => s.setServiceFilter);
  const province = useFilterStore((s) => s.provinceCode);
  const setProvince = useFilterStore((s) => s.setProvince);
  const detail = useNavStore((s) => s.detail);
  const open = useNavStore((s) => s.open);
  const byCode = useAreaStore((s) => s.byCode);
  const requests = useRequestStore((s) => s.byId);
  const inForce = useAlertsInForce();
  const services = useMemo(
    () => selectServices(byId, filter, province, f.locale),
    [byId, filter, province, f.locale],
  );
  const openByService = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of Object.values(requests))
      if (r.serviceId && isOpenRequest(r.status)) m.set(r.serviceId, (m.get(r.serviceId) ?? 0) + 1);
    return m;
  }, [requests]);

  return (
    <section className="list" aria-labelledby="services-title" data-testid="services-tab">
      <details
        className="filters-box"
        open={typeof window === 'undefined' || window.matchMedia('(min-width: 901px)').matches}
      >
        <summary>{t('filters.title')}</summary>
        <div className="filters">
          <ProvinceSelect
            label={t('filters.province')}
            allLabel={t('filters.allProvinces')}
            value={province}
            onChange={setProvince}
            testId="service-filter-province"
          />
          <label className="field field--inline">
            <span>{t('services.type')}</span>
            <select
              data-testid="service-filter-type"
              value={filter.type ?? ''}
              onChange={(e) => setFilter({ type: (e.target.value || null) as ServiceType | null })}
            >
              <option value="">{t('services.allTypes')}</option>
              {SERVICE_TYPES.map((x) => (
                <option key={x} value={x}>
                  {t(`serviceType.${x}`)}
                </option>
              ))}
            </select>
          </label>
          <StatusChips
            label={t('filters.status')}
            options={SERVICE_STATUSES}
            selected={filter.statuses}
            onChange={(statuses) => setFilter({ statuses })}
            colorOf={(st) => SERVICE_STATUS_COLORS[st]}
            labelOf={(st) => t(`serviceStatus.${st}`)}
            testIdPrefix="service-filter-status-"
          />
        </div>
      </details>
      <h2 id="services-title" className="list__title">
        {t('services.title')}{' '}
        <span className="muted">({t('services.count', { count: services.length })})</span>
      </h2>
      <div className="list__head">
        <ExportLinks dataset="services" geojson />
        <ImportButton kind="services" />
      </div>
      {services.length === 0 ? (
        <p className="muted">{t('services.empty')}</p>
      ) : (
        <ul className="list__items" data-testid="service-list">
          {services.map((s) => {
            const alerts = alertsAt(s, inForce);
            const selected = detail?.kind === 'service' && detail.id === s.id;
            const reqs = openByService.get(s.id) ?? 0;
            const out = s.availability.stock
              ? Object.entries(s.availability.stock).filter(([, v]) => v && v.level !== 'ok')
              : [];
            return (
              <li key={s.id}>
                <button
                  type="button"
                  className={`row${selected ? ' row--selected' : ''}`}
                  aria-current={selected ? 'true' : undefined}
                  data-testid="service-item"
                  data-service-id={s.id}
                  data-status={s.availability.status}
                  data-position={s.positionShown}
                  data-in-alert={alerts.length > 0 ? 'true' : 'false'}
                  onClick={() => open({ kind: 'service', id: s.id })}
                >
                  <span className="row__main">
                    <span className="row__name">
                      <ServiceStatusBadge status={s.availability.status} /> <ServiceName s={s} />
                    </span>
                    <span className="row__meta">
                      <ServiceTypes types={s.types} />
                    </span>
                    <span className="row__meta">
                      {areaName(byCode[s.provinceCode], i18n.language, s.provinceCode)} ·{' '}
                      <LastConfirmed s={s} now={now} />
                    </span>
                    {s.positionShown !== 'exact' && (
                      <span className="row__meta">
                        <PositionNote s={s} />
                      </span>
                    )}
                    {out.length > 0 && (
                      <span className="row__needs">
                        {t('services.stockShort', {
                          list: out
                            .map(([k, v]) => `${t(`stock.${k}`)}: ${t(`needLevel.${v.level}`)}`)
                            .join(', '),
                        })}
                      </span>
                    )}
                    {(alerts.length > 0 || reqs > 0) && (
                      <span className="row__meta">
                        <AlertFlag alerts={alerts} />{' '}
                        {reqs > 0 && (
                          <span className="badge badge--req" data-testid="service-open-requests">
                            {t('requests.openCount', { count: reqs })}
                          </span>
                        )}
                      </span>
                    )}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
