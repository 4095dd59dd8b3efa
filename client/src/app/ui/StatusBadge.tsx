import { useTranslation } from 'react-i18next';

/**
 * A status as a coloured badge with its word (colour never carries meaning alone): the colour from
 * the domain's table, the word from its i18n group (`requestStatus` gives `requestStatus.open`).
 */
export function StatusBadge<S extends string>(p: {
  status: S;
  colors: Record<S, string>;
  words: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <span
      className="badge badge--status"
      style={{ background: p.colors[p.status] }}
      data-testid={p.testId}
      data-status={p.status}
    >
      {t(`${p.words}.${p.status}`)}
    </span>
  );
}
