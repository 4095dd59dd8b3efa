import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isOpenRequest } from '../../../../shared/domain/requestWorkflow.js';
import { REQUEST_STATUSES } from '../../../../shared/enums.js';
import { useListFilter } from '../../app/filterStore.js';
import { useFormat } from '../../lib/format.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { ProvinceFilter } from '../areas/ProvinceSelect.js';
import { useAuthStore } from '../auth/authStore.js';
import { useServiceStore } from '../services/serviceStore.js';
import { useShelterStore } from '../shelters/shelterStore.js';
import { opensRequest, readsRequests } from '../../../../shared/domain/permissions.js';
import { PriorityBadge, RequestStatusBadge } from './RequestBits.js';
import { matchesRequestFilter, type RequestStatusFilter } from './filters.js';
import { useRequestStore } from './requestStore.js';
import { ExportLinks } from '../export/ExportLinks.js';
import { InlineSelect } from '../../app/ui/InlineSelect.js';
import { ListRow, ListTab, useSelection } from '../../app/ui/ListTab.js';

const PRIORITY_ORDER = { life_saving: 0, urgent: 1, routine: 2 } as const;

/** Coordination requests the user may see: open ones first by priority, with their shelter or service. */
export function RequestsTab() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const byId = useRequestStore((s) => s.byId);
  const { filter: statusFilter, setFilter: setStatusFilter, province } = useListFilter('requests');
  const shelters = useShelterStore((s) => s.byId);
  const services = useServiceStore((s) => s.byId);
  const byCode = useAreaStore((s) => s.byCode);
  const me = useAuthStore((s) => s.me);
  const { detail, open } = useSelection();
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

  const statusChoices = [
    { value: 'open', label: t('requests.stillOpen') },
    { value: 'all', label: t('requests.all') },
    ...REQUEST_STATUSES.map((x) => ({ value: x, label: t(`requestStatus.${x}`) })),
  ];

  return (
    <ListTab
      name="requests"
      title={t('requests.title')}
      count={list.length}
      filters={
        <div className="filters">
          <ProvinceFilter />
          <InlineSelect
            label={t('filters.status')}
            testId="request-filter-status"
            value={statusFilter}
            onChange={(v) => setStatusFilter(v as RequestStatusFilter)}
            choices={statusChoices}
          />
        </div>
      }
      create={
        me && me.role !== 'shelter_manager' && opensRequest(me)
          ? {
              testId: 'create-request',
              label: t('requests.new'),
              opens: { kind: 'new-request', shelterId: null },
            }
          : null
      }
      actions={me && readsRequests(me) && <ExportLinks dataset="requests" />}
      empty={list.length === 0 ? { text: t('requests.empty') } : null}
      listTestId="request-list"
    >
      {list.map((r) => {
        const place =
          (r.shelterId && shelters[r.shelterId]?.name) || (r.serviceId && services[r.serviceId]?.name) || '';
        return (
          <ListRow
            key={r.id}
            selected={detail?.kind === 'request' && detail.id === r.id}
            onSelect={() => open({ kind: 'request', id: r.id })}
            data={{ 'data-testid': 'request-item', 'data-request-id': r.id, 'data-status': r.status }}
          >
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
          </ListRow>
        );
      })}
    </ListTab>
  );
}
