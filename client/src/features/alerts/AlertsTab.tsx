import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskAlert } from '../../../../shared/schemas/alerts.js';
import { useFormat } from '../../lib/format.js';
import { useNow } from '../../lib/useNow.js';
import { useAuthStore } from '../auth/authStore.js';
import { AlertStatus, LevelBadge } from './AlertBits.js';
import { useAlertStore } from './alertStore.js';
import { issuesAlerts } from '../../../../shared/domain/permissions.js';
import { alertInForce, useFlaggedBy } from './inAlert.js';
import { ExportLinks } from '../export/ExportLinks.js';
import { ListRow, ListTab, useSelection } from '../../app/ui/ListTab.js';

const STATUS_ORDER: Record<RiskAlert['status'], number> = {
  active: 0,
  updated: 0,
  forecast: 1,
  expired: 2,
  cancelled: 3,
};

/** Risk alerts: in force first, then forecasts, then past ones; each with the places it flags. */
export function AlertsTab() {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow();
  const byId = useAlertStore((s) => s.byId);
  const flaggedBy = useFlaggedBy();
  const me = useAuthStore((s) => s.me);
  const { detail, open } = useSelection();
  const alerts = useMemo(
    () =>
      Object.values(byId).sort(
        (a, b) =>
          Number(alertInForce(b, new Date(now))) - Number(alertInForce(a, new Date(now))) ||
          STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
          b.level - a.level ||
          b.validFrom.localeCompare(a.validFrom),
      ),
    [byId, now],
  );

  return (
    <ListTab
      name="alerts"
      title={t('alerts.title')}
      count={alerts.length}
      create={
        me && issuesAlerts(me)
          ? { testId: 'create-alert', label: t('alerts.new'), opens: { kind: 'new-alert' } }
          : null
      }
      actions={<ExportLinks dataset="alerts" geojson />}
      empty={alerts.length === 0 ? { text: t('alerts.empty') } : null}
      listTestId="alert-list"
    >
      {alerts.map((a) => {
        const inForce = alertInForce(a, new Date(now));
        return (
          <ListRow
            key={a.id}
            selected={detail?.kind === 'alert' && detail.id === a.id}
            modifiers={inForce ? '' : 'row--stale'}
            onSelect={() => open({ kind: 'alert', id: a.id })}
            data={{
              'data-testid': 'alert-item',
              'data-alert-id': a.id,
              'data-status': a.status,
              'data-in-force': inForce ? 'true' : 'false',
            }}
          >
            <span className="row__name">
              <LevelBadge level={a.level} /> {t(`hazard.${a.hazard}`)}
            </span>
            <span className="row__meta">{a.title}</span>
            <span className="row__meta">
              <AlertStatus a={a} /> {f.dateTime(a.validFrom)} – {f.dateTime(a.validTo)}
            </span>
            {inForce && (
              <span className="row__meta">{t('alerts.flagged', { count: flaggedBy(a).length })}</span>
            )}
          </ListRow>
        );
      })}
    </ListTab>
  );
}
