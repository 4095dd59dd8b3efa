import { useTranslation } from 'react-i18next';
import { ALERT_LEVEL_COLOURS } from '../../../../shared/enums.js';
import type { RiskAlert } from '../../../../shared/schemas/alerts.js';

/** "In an alert area, level N": shown on shelters and services inside an alert in force. */
export function AlertFlag({ alerts }: { alerts: readonly RiskAlert[] }) {
  const { t } = useTranslation();
  const top = alerts[0];
  if (!top) return null;
  const level = top.level as keyof typeof ALERT_LEVEL_COLOURS;
  return (
    <span
      className={`badge badge--alert badge--level-${level}`}
      style={{ background: ALERT_LEVEL_COLOURS[level] }}
      data-testid="in-alert"
      data-level={level}
      title={alerts.map((a) => a.title).join('\n')}
    >
      ⚠ {t('inAlert', { level })}
    </span>
  );
}
