import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SHELTER_STATUSES } from '../../../../shared/enums.js';
import { useFilterStore } from '../../app/filterStore.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { useAuthStore } from '../auth/authStore.js';
import { StatusChips } from './StatusChips.js';
import { STATUS_COLORS } from './statusStyle.js';

export function Filters() {
  const { t, i18n } = useTranslation();
  const province = useFilterStore((s) => s.provinceCode);
  const setProvince = useFilterStore((s) => s.setProvince);
  const filter = useFilterStore((s) => s.shelters);
  const setFilter = useFilterStore((s) => s.setShelterFilter);
  const provinces = useAreaStore((s) => s.provinces);
  const me = useAuthStore((s) => s.me);
  const sorted = [...provinces].sort((a, b) =>
    areaName(a, i18n.language, a.code).localeCompare(areaName(b, i18n.language, b.code), i18n.language),
  );
  const [wide] = useState(
    () => typeof window === 'undefined' || window.matchMedia('(min-width: 901px)').matches,
  );
  const active = province !== null || filter.statuses.length > 0 || filter.managingOrgId !== null;

  return (
    // Folded on phones so the list starts on the first screen; open on larger screens.
    <details className="filters-box" open={wide}>
      <summary>
        {t('filters.title')}
        {active && ' •'}
      </summary>
      <section className="filters" aria-label={t('filters.title')}>
        <label className="field field--inline">
          <span>{t('filters.province')}</span>
          <select
            data-testid="filter-province"
            value={province ?? ''}
            onChange={(e) => setProvince(e.target.value || null)}
          >
            <option value="">{t('filters.allProvinces')}</option>
            {sorted.map((a) => (
              <option key={a.code} value={a.code}>
                {areaName(a, i18n.language, a.code)}
              </option>
            ))}
          </select>
        </label>
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
    </details>
  );
}
