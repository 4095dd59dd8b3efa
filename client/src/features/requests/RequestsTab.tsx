import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isOpenRequest } from '../../../../shared/domain/requestWorkflow.js';
import { REQUEST_STATUSES } from '../../../../shared/enums.js';
import { useFilterStore } from '../../app/filterStore.js';
import { useNavStore } from '../../app/navStore.js';
import { useFormat } from '../../lib/format.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { ProvinceSelect } from '../areas/ProvinceSelect.js';
import { useAuthStore } from '../auth/authStore.js';
import { useServiceStore } from '../services/serviceStore.js';
import { useShelterStore } from '../shelters/shelterStore.js';
import { opensRequest, readsRequests } from '../../../../shared/domain/permissions.js';
import { PriorityBadge, RequestStatusBadge } from './RequestBits.js';
import { matchesRequestFilter, type RequestStatusFilter } from './filters.js';
import { useRequestStore } from './requestStore.js';
import { ExportLinks } from '../export/ExportLinks.js';

const PRIORITY_ORDER = { life_saving: 0, urgent: 1, routine: 2 } as const;

/** Coordination requests the user may see: open ones first by priority, with their shelter or service. */
export function RequestsTab() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const byId = useRequestStore((s) => s.byId);
  const statusFilter = useFilterStore((s) => s.requests);
  const setStatusFilter = useFilterStore((s) => s.setRequestFilter);
  const province = useFilterStore((s) => s.provinceCode);
  const setProvince = useFilterStore((s) => s.setProvince);
  const shelters = useShelterStore((s) => s.byId);
  const services = useServiceStore((s) => s.byId);
  const byCode = useAreaStore((s) => s.byCode);
  const me = useAuthStore((s) => s.me);
  const detail = useNavStore((s) => s.detail);
  const open = useNavStore((s) => s.open);
  const list = useMemo(
    () =>
      Object.values(byId)
        .filter((r) => matchesRequestFilter(r, statusFilter, province))
        .sort(
          (a, b) =>
            Number(isOpenRequest(b.status)) - Number(isOpenRequest(a.status)) ||
            PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] ||
            b.updatedAt.localeCompare(a.updatedAt),
        ),
    [byId, province, statusFilter],
  );

  return (
    <section className="list" aria-labelledby="requests-title" data-testid="requests-tab">
      <div className="filters">
        <ProvinceSelect
          label={t('filters.province')}
          allLabel={t('filters.allProvinces')}
          value={province}
          onChange={setProvince}
        />
        <label className="field field--inline">
          <span>{t('filters.status')}</span>
          <select
            data-testid="request-filter-status"
            value={statusFilter}
            onChange={(e) => setStatusFilter(e.target.value as RequestStatusFilter)}
          >
            <option value="open">{t('requests.stillOpen')}</option>
            <option value="all">{t('requests.all')}</option>
            {REQUEST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`requestStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="list__head">
        <h2 id="requests-title" className="list__title">
          {t('requests.title')} <span className="muted">({list.length})</span>
        </h2>
        {me && me.role !== 'shelter_manager' && opensRequest(me) && (
          <button
            type="button"
            className="btn"
            data-testid="create-request"
            onClick={() => open({ kind: 'new-request', shelterId: null })}
          >
            + {t('requests.new')}
          </button>
        )}
        {me && readsRequests(me) && <ExportLinks dataset="requests" />}
      </div>
      {list.length === 0 ? (
        <p className="muted">{t('requests.empty')}</p>
      ) : (
        <ul className="list__items" data-testid="request-list">
          {list.map((r) => {
            const place =
              (r.shelterId && shelters[r.shelterId]?.name) ||
              (r.serviceId && services[r.serviceId]?.name) ||
              '';
            const selected = detail?.kind === 'request' && detail.id === r.id;
            return (
              <li key={r.id}>
                <button
                  type="button"
                  className={`row${selected ? ' row--selected' : ''}`}
                  data-testid="request-item"
                  data-request-id={r.id}
                  data-status={r.status}
                  onClick={() => open({ kind: 'request', id: r.id })}
                >
                  <span className="row__main">
                    <span className="row__name">
                      <RequestStatusBadge status={r.status} /> {r.title}
                    </span>
                    <span className="row__meta">
                      <PriorityBadge priority={r.priority} /> {t(`requestKind.${r.kind}`)}
                      {r.quantity !== null && ` × ${f.number(r.quantity)}`}
                    </span>
                    <span className="row__meta">
                      {place ? `${place} · ` : ''}
                      {areaName(byCode[r.provinceCode], i18n.language, r.provinceCode)}
                      {r.messageCount > 0 && ` · ${t('requests.messages', { count: r.messageCount })}`}
                    </span>
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
