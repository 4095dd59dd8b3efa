import { useTranslation } from 'react-i18next';

/**
 * Shown in place of the key figures and the list until the first state arrives (from the server or
 * from this device), so a slow link never reads as "0 people sheltered, no shelter matches".
 */
export function LoadingSkeleton({ rows = 4 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div className="skeleton" role="status" aria-busy="true" data-testid="loading-skeleton">
      <span className="sr-only">{t('app.loadingData')}</span>
      <div className="skeleton__figures" aria-hidden="true">
        {[0, 1, 2, 3].map((i) => (
          <span key={i} className="skeleton__block skeleton__figure" />
        ))}
      </div>
      <ul className="skeleton__list" aria-hidden="true">
        {Array.from({ length: rows }, (_, i) => (
          <li key={i} className="skeleton__block skeleton__row" />
        ))}
      </ul>
      <p className="muted" aria-hidden="true">
        {t('app.loadingData')}
      </p>
    </div>
  );
}
