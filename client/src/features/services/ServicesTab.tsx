import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isOpenRequest } from '../../../../shared/domain/requestWorkflow.js';
import { SERVICE_STATUSES, SERVICE_TYPES, type ServiceType } from '../../../../shared/enums.js';
import { useListFilter } from '../../app/filterStore.js';
import { useNow } from '../../lib/useNow.js';
import { AlertFlag } from '../alerts/AlertFlag.js';
import { alertsAt, useAlertsInForce } from '../alerts/inAlert.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { ProvinceFilter } from '../areas/ProvinceSelect.js';
import { useRequestStore } from '../requests/requestStore.js';
import { StatusChips } from '../shelters/StatusChips.js';
import { selectServices } from './filters.js';
import { LastConfirmed, PositionNote, ServiceName, ServiceStatusBadge, ServiceTypes } from './ServiceBits.js';
import { useServiceStore } from './serviceStore.js';
import { SERVICE_STATUS_COLORS } from './serviceStyle.js';
import { ExportLinks } from '../export/ExportLinks.js';
import { ImportButton } from '../import/ImportButton.js';
import { FiltersBox } from '../../app/ui/FiltersBox.js';
import { InlineSelect } from '../../app/ui/InlineSelect.js';
import { ListRow, ListTab, useListRows, useSelection } from '../../app/ui/ListTab.js';
import type { RiskAlert } from '../../../../shared/schemas/alerts.js';
import type { ServicePoint } from '../../../../shared/schemas/services.js';

/** The referral pathway as a list: filters by province, availability and type; a row per service. */
export function ServicesTab() {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const byId = useServiceStore((s) => s.byId);
  const { filter, setFilter, province } = useListFilter('services');
  const { detail, open } = useSelection();
  const byCode = useAreaStore((s) => s.byCode);
  const requests = useRequestStore((s) => s.byId);
  const inForce = useAlertsInForce();
  const services = useListRows(selectServices, byId, filter, province);
  const openByService = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of Object.values(requests))
      if (r.serviceId && isOpenRequest(r.status)) m.set(r.serviceId, (m.get(r.serviceId) ?? 0) + 1);
    return m;
  }, [requests]);

  const typeChoices = [
    { value: '', label: t('services.allTypes') },
    ...SERVICE_TYPES.map((x) => ({ value: x, label: t(`serviceType.${x}`) })),
  ];

  return (
    <ListTab
      name="services"
      title={t('services.title')}
      count={t('services.count', { count: services.length })}
      filters={
        <FiltersBox>
          <div className="filters">
            <ProvinceFilter testId="service-filter-province" />
            <InlineSelect
              label={t('services.type')}
              testId="service-filter-type"
              value={filter.type ?? ''}
              onChange={(v) => setFilter({ type: (v || null) as ServiceType | null })}
              choices={typeChoices}
            />
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
        </FiltersBox>
      }
      actions={
        <>
          <ExportLinks dataset="services" geojson />
          <ImportButton kind="services" />
        </>
      }
      empty={services.length === 0 ? { text: t('services.empty') } : null}
      listTestId="service-list"
    >
      {services.map((s) => (
        <ServiceRow
          key={s.id}
          s={s}
          selected={detail?.kind === 'service' && detail.id === s.id}
          alerts={alertsAt(s, inForce)}
          openRequests={openByService.get(s.id) ?? 0}
          place={areaName(byCode[s.provinceCode], i18n.language, s.provinceCode)}
          now={now}
          onSelect={() => open({ kind: 'service', id: s.id })}
        />
      ))}
    </ListTab>
  );
}

interface RowProps {
  s: ServicePoint;
  selected: boolean;
  alerts: RiskAlert[];
  openRequests: number;
  place: string;
  now: number;
  onSelect: () => void;
}

function ServiceRow({ s, selected, alerts, openRequests: reqs, place, now, onSelect }: RowProps) {
  const { t } = useTranslation();
  const out = s.availability.stock
    ? Object.entries(s.availability.stock).filter(([, v]) => v && v.level !== 'ok')
    : [];
  return (
    <ListRow
      selected={selected}
      current
      onSelect={onSelect}
      data={{
        'data-testid': 'service-item',
        'data-service-id': s.id,
        'data-status': s.availability.status,
        'data-position': s.positionShown,
        'data-in-alert': alerts.length > 0 ? 'true' : 'false',
      }}
    >
      <span className="row__name">
        <ServiceStatusBadge status={s.availability.status} /> <ServiceName s={s} />
      </span>
      <span className="row__meta">
        <ServiceTypes types={s.types} />
      </span>
      <span className="row__meta">
        {place} · <LastConfirmed s={s} now={now} />
      </span>
      {s.positionShown !== 'exact' && (
        <span className="row__meta">
          <PositionNote s={s} />
        </span>
      )}
      {out.length > 0 && (
        <span className="row__needs">
          {t('services.stockShort', {
            list: out.map(([k, v]) => `${t(`stock.${k}`)}: ${t(`needLevel.${v.level}`)}`).join(', '),
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
    </ListRow>
  );
}
