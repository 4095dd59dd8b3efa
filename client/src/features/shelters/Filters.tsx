import { useTranslation } from 'react-i18next';
import { SHELTER_STATUSES } from '../../../../shared/enums.js';
import { useFilterStore, useListFilter } from '../../app/filterStore.js';
import { FiltersBox } from '../../app/ui/FiltersBox.js';
import { ProvinceFilter } from '../areas/ProvinceSelect.js';
import { useAuthStore } from '../auth/authStore.js';
import { StatusChips } from './StatusChips.js';
import { STATUS_COLORS } from './statusStyle.js';

export function Filters() {
  const { t } = useTranslation();
  const { filter, setFilter, province } = useListFilter('shelters');
  const setProvince = useFilterStore((s) => s.setProvince);
  const me = useAuthStore((s) => s.me);
  const active = province !== null || filter.statuses.length > 0 || filter.managingOrgId !== null;

  return (
    <FiltersBox active={active}>
      <section className="filters" aria-label={t('filters.title')}>
        <ProvinceFilter testId="filter-province" />
        <StatusChips
          label={t('filters.status')}
          options={SHELTER_STATUSES}
          selected={filter.statuses}
          onChange={(statuses) => setFilter({ statuses })}
          colorOf={(st) => STATUS_COLORS[st]}
          labelOf={(st) => t(`status.${st}`)}
          testIdPrefix="filter-status-"
        />
        <div className="filters__row">
          {me?.role === 'shelter_manager' && (
            <label className="check">
              <input
                type="checkbox"
                data-testid="filter-mine"
                checked={filter.managingOrgId !== null}
                onChange={(e) => setFilter({ managingOrgId: e.target.checked ? me.orgId : null })}
              />
              {t('filters.mine')}
            </label>
          )}
          {active && (
            <button
              type="button"
              className="btn btn--link"
              data-testid="filter-clear"
              onClick={() => {
                setProvince(null);
                setFilter({ statuses: [], managingOrgId: null });
              }}
            >
              {t('filters.clear')}
            </button>
          )}
        </div>
      </section>
    </FiltersBox>
  );
}
