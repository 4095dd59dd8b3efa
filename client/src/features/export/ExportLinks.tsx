import { useTranslation } from 'react-i18next';

/** The lists that offer export files, and which of them also come as GeoJSON. */
export type ExportDataset = 'shelters' | 'services' | 'requests' | 'alerts' | 'incidents';

/**
 * Download links for a list's export (CSV with HXL tags, and GeoJSON where offered), headers in the
 * current interface language. Plain same-origin links: the session cookie goes with them, and the
 * server projects the file for the signed-in user as it does the API.
 */
export function ExportLinks({ dataset, geojson = false }: { dataset: ExportDataset; geojson?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <span className="export-links" role="group" aria-label={t('export.label')}>
      <a
        className="btn btn--small"
        href={`/api/export/${dataset}.csv?lang=${lang}`}
        download={`${dataset}.csv`}
        title={t('export.csvTitle')}
        data-testid={`export-${dataset}-csv`}
      >
        {t('export.csv')}
      </a>
      {geojson && (
        <a
          className="btn btn--small"
          href={`/api/export/${dataset}.geojson?lang=${lang}`}
          download={`${dataset}.geojson`}
          title={t('export.geojsonTitle')}
          data-testid={`export-${dataset}-geojson`}
        >
          {t('export.geojson')}
        </a>
      )}
    </span>
  );
}
