import { useTranslation } from 'react-i18next';

/**
 * How a list of choices names its values: `labels`, the i18n namespace that holds one key per value
 * (`labels="status"` reads `status.open`), or `labelOf` for any other naming.
 */
export type Labels<T> = { labels: string; labelOf?: never } | { labelOf: (v: T) => string; labels?: never };

/** The naming function of a list of choices (see Labels). */
export function useLabelOf<T>(l: Labels<T>): (v: T) => string {
  const { t } = useTranslation();
  return l.labelOf ?? ((v: T) => t(`${l.labels}.${String(v)}`));
}
