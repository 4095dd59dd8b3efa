import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { withNamespaces } from '../../i18n/index.js';
import { isShelterStale } from '../../../../shared/domain/staleness.js';
import { NEEDS } from '../../../../shared/enums.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { useListFilter } from '../../app/filterStore.js';
import { openId, useNavStore } from '../../app/navStore.js';
import { useDomainsLoaded } from '../../app/domainLoad.js';
import { useFormat, type Formatters } from '../../lib/format.js';
import { useNow } from '../../lib/useNow.js';
import type { RiskAlert } from '../../../../shared/schemas/alerts.js';
import { AlertFlag } from '../alerts/AlertFlag.js';
import { alertsAt, useAlertsInForce } from '../alerts/inAlert.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { useAuthStore } from '../auth/authStore.js';
import { selectShelters } from './filters.js';
import { createsShelter, importsRecords } from '../../../../shared/domain/permissions.js';
import { useShelterStore } from './shelterStore.js';
import { STATUS_COLORS, SCORE_COLORS, scoreBand } from './statusStyle.js';
import { ListRow, ListTab, useListRows } from '../../app/ui/ListTab.js';

// Only the roles that may import shelters fetch the import button (and, once opened, its dialog).
// The export links come just after the list (the first load's 150 KB).
const ExportLinks = lazy(() => import('../export/ExportLinks.js').then((m) => ({ default: m.ExportLinks })));
// The import button and its strings (`dataImport`) come after the list.
const ImportButton = lazy(() =>
  withNamespaces(() => import('../import/ImportButton.js'), ['dataImport']).then((m) => ({
    default: m.ImportButton,
  })),
);

export function ShelterList() {
  const { t } = useTranslation();
  const f = useFormat();
  const byId = useShelterStore((s) => s.byId);
  const { filter, province } = useListFilter('shelters');
  const selectedId = useNavStore((s) => openId(s.detail, 'shelter'));
  const open = useNavStore((s) => s.open);
  const me = useAuthStore((s) => s.me);
  const now = useNow();
  const shelters = useListRows(selectShelters, byId, filter, province);
  const inForce = useAlertsInForce();
  // The export and import buttons' chunks come once the list has its records (after the list).
  const listLoaded = useDomainsLoaded('shelters');

  return (
    <ListTab
      name="shelter-list"
      testId=""
      id="shelter-list"
      title={t('list.title')}
      count={t('list.count', { count: shelters.length })}
      create={
        me && createsShelter(me)
          ? { testId: 'create-shelter', label: t('create.open'), opens: { kind: 'new-shelter' } }
          : null
      }
      actions={
        <>
          {listLoaded && (
            <Suspense fallback={null}>
              <ExportLinks dataset="shelters" geojson />
            </Suspense>
          )}
          {listLoaded && me && importsRecords(me, 'shelters') && (
            <Suspense fallback={null}>
              <ImportButton kind="shelters" />
            </Suspense>
          )}
        </>
      }
      empty={shelters.length === 0 ? { text: t('list.empty'), testId: 'shelter-list-empty' } : null}
      listTestId="shelter-list"
    >
      {shelters.map((s) => (
        <ShelterRow
          key={s.id}
          shelter={s}
          selected={s.id === selectedId}
          now={now}
          f={f}
          alerts={alertsAt(s, inForce)}
          onSelect={(id) => open({ kind: 'shelter', id })}
        />
      ))}
    </ListTab>
  );
}

interface RowProps {
  shelter: Shelter;
  selected: boolean;
  now: number;
  f: Formatters;
  alerts: RiskAlert[];
  onSelect: (id: string) => void;
}

function ShelterRow({ shelter: s, selected, now, f, alerts, onSelect }: RowProps) {
  const { t, i18n } = useTranslation();
  const province = useAreaStore((st) => st.byCode[s.provinceCode]);
  const stale = isShelterStale(s.lastReportedAt, new Date(now));
  const short = NEEDS.filter((n) => s.needs[n] !== 'ok').map(
    (n) => `${t(`needs.${n}`)}: ${t(`needLevel.${s.needs[n]}`)}`,
  );
  return (
    <ListRow
      selected={selected}
      current
      modifiers={stale ? 'row--stale' : ''}
      onSelect={() => onSelect(s.id)}
      data={{
        'data-testid': 'shelter-item',
        'data-shelter-id': s.id,
        'data-status': s.status,
        'data-stale': stale ? 'true' : 'false',
        'data-in-alert': alerts.length > 0 ? 'true' : 'false',
      }}
      aside={
        <span
          className="row__score"
          style={{ borderColor: SCORE_COLORS[scoreBand(s.safetyScore)] }}
          title={t('checklist.score')}
          aria-label={`${t('checklist.score')} ${t('checklist.scoreValue', { score: s.safetyScore })}`}
        >
          {t('checklist.scoreValue', { score: s.safetyScore })}
        </span>
      }
    >
      <span className="row__name">
        <span className="row__status" style={{ background: STATUS_COLORS[s.status] }}>
          {t(`status.${s.status}`)}
        </span>
        {s.name}
      </span>
      <span className="row__meta">
        {areaName(province, i18n.language, s.provinceCode)} ·{' '}
        {t('list.occupancy', { occupancy: f.number(s.occupancy), capacity: f.number(s.capacity) })}
      </span>
      {short.length > 0 && (
        <span className="row__needs">{t('list.needsLow', { list: short.join(', ') })}</span>
      )}
      <span className="row__meta">
        {stale && <span className="badge badge--stale">{t('list.stale')}</span>}{' '}
        {t('list.reported', { when: f.relative(s.lastReportedAt, now) })}
        {s.simulated && <span className="badge badge--sim">{t('app.simulated')}</span>}
      </span>
      {alerts.length > 0 && (
        <span className="row__meta">
          <AlertFlag alerts={alerts} />
        </span>
      )}
    </ListRow>
  );
}
