import { useTranslation } from 'react-i18next';

/** The lists that offer export files, and which of them also come as GeoJSON. */
export type ExportDataset = 'shelters' | 'services' | 'requests' | 'alerts' | 'incidents';

/** One export file's download link. */
function ExportLink(props: {
  dataset: ExportDataset;
  format: 'csv' | 'geojson';
  lang: string;
  label: string;
  title: string;
}) {
  const { dataset, format } = props;
  return (
    <a
      className="btn btn--small"
      href={`/api/export/${dataset}.${format}?lang=${props.lang}`}
      download={`${dataset}.${format}`}
      title={props.title}
      data-testid={`export-${dataset}-${format}`}
    >
      {props.label}
    </a>
  );
}

/**
 * Download links for a list's export (CSV with HXL tags, and GeoJSON where offered), headers in the
 * current interface language. Plain same-origin links: the session cookie goes with them, and the
 * server projects the file for the signed-in user as it does the API.
 */
export function ExportLinks({ dataset, geojson = false }: { dataset: ExportDataset; geojson?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const formats = geojson ? (['csv', 'geojson'] as const) : (['csv'] as const);
  const text = {
    csv: { label: t('export.csv'), title: t('export.csvTitle') },
    geojson: { label: t('export.geojson'), title: t('export.geojsonTitle') },
  };
  return (
    <span className="export-links" role="group" aria-label={t('export.label')}>
      {formats.map((format) => (
        <ExportLink key={format} dataset={dataset} format={format} lang={lang} {...text[format]} />
      ))}
    </span>
  );
}
