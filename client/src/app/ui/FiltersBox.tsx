import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The filters of a list, folded on phones so the list starts on the first screen and open on
 * larger screens; a dot after the summary says some filter is set.
 */
export function FiltersBox({ active = false, children }: { active?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const [wide] = useState(
    () => typeof window === 'undefined' || window.matchMedia('(min-width: 901px)').matches,
  );
  return (
    <details className="filters-box" open={wide}>
      <summary>
        {t('filters.title')}
        {active && ' •'}
      </summary>
      {children}
    </details>
  );
}
