import { useTranslation } from 'react-i18next';
import { ALERT_LEVEL_COLOURS } from '../../../../shared/enums.js';
import type { RiskAlert } from '../../../../shared/schemas/alerts.js';

/** The level as a swatch in its official colour, with its number in words. */
export function LevelBadge({ level }: { level: number }) {
  const { t } = useTranslation();
  const l = level as keyof typeof ALERT_LEVEL_COLOURS;
  return (
    <span className={`badge badge--level-${l}`} style={{ background: ALERT_LEVEL_COLOURS[l] }} data-level={l}>
      {t('alerts.level', { level })}
    </span>
  );
}

/** Alert status as a word. */
export function AlertStatus({ a }: { a: Pick<RiskAlert, 'status'> }) {
  const { t } = useTranslation();
  return <span className={`badge badge--astatus-${a.status}`}>{t(`alertStatus.${a.status}`)}</span>;
}
