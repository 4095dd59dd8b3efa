import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import {
  INCIDENT_AGE_BANDS,
  INCIDENT_SETTINGS,
  INCIDENT_TYPES,
  SURVIVOR_SEXES,
} from '../../../../shared/enums.js';
import type { IncidentCell } from '../../../../shared/schemas/incidents.js';
import { useFormat, type Formatters } from '../../lib/format.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { useAuthStore } from '../auth/authStore.js';
import { IncidentNote } from './IncidentNote.js';
import { readsIncidents, reportsIncidents } from '../../../../shared/domain/permissions.js';
import { ExportLinks } from '../export/ExportLinks.js';
import { InlineSelect } from '../../app/ui/InlineSelect.js';
import { ListTab } from '../../app/ui/ListTab.js';
import {
  lastReleasedAt,
  monthsOf,
  shownMonth,
  useIncidentStore,
  type IncidentData,
} from './incidentStore.js';
import { TableHead } from '../../app/ui/TableHead.js';
import '../../app/screens.css';

type Shown = IncidentCell['counts']['total'];

/** A published count: exact, the small-number label, or a dash when hidden. */
function ShownValue({ v, f }: { v: Shown; f: Formatters }) {
  const { t } = useTranslation();
  if (v === null)
    return (
      <span className="muted" title={t('incidents.hidden')} aria-label={t('incidents.hidden')}>
        —
      </span>
    );
  return <>{typeof v === 'number' ? f.number(v) : v}</>;
}

/** Incident aggregates by province for one month, after suppression, with the context note always on top. */
export function IncidentsTab() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const {
    data,
    month: chosen,
    setMonth,
  } = useIncidentStore(useShallow(({ data, month, setMonth }) => ({ data, month, setMonth })));
  const byCode = useAreaStore((s) => s.byCode);
  const me = useAuthStore((s) => s.me);
  const [expanded, setExpanded] = useState<string | null>(null);
  const month = shownMonth(data, chosen);
  const cells = useMemo(
    () =>
      data && month
        ? Object.values(data.cells)
            .filter((c) => c.month === month)
            .sort((a, b) =>
              areaName(byCode[a.provinceCode], i18n.language, a.provinceCode).localeCompare(
                areaName(byCode[b.provinceCode], i18n.language, b.provinceCode),
                i18n.language,
              ),
            )
        : [],
    [data, month, byCode, i18n.language],
  );
  if (!data) return <p className="muted">{t('incidents.notAllowed')}</p>;
  const national = data.national.find((n) => n.month === month);

  return (
    <ListTab
      name="incidents"
      title={t('incidents.title')}
      create={
        me && reportsIncidents(me)
          ? { testId: 'incident-entry-open', label: t('incidents.enter'), opens: { kind: 'incident-entry' } }
          : null
      }
      actions={me && readsIncidents(me) && <ExportLinks dataset="incidents" />}
    >
      <IncidentNote note={data.note} />
      <ReleaseLine data={data} f={f} />
      <InlineSelect
        label={t('incidents.month')}
        testId="incident-month"
        value={month ?? ''}
        onChange={(v) => setMonth(v || null)}
        choices={monthsOf(data).map((m) => ({ value: m, label: f.month(m) }))}
      />
      <table className="table table--incidents" data-testid="incident-table">
        <TableHead heads={[t('panel.province'), t('incidents.total'), t('incidents.within72h')]} />
        <tbody>
          {cells.map((c) => {
            const key = c.provinceCode;
            return (
              <tr
                key={key}
                data-testid="incident-row"
                data-province={c.provinceCode}
                data-total={String(c.counts.total)}
              >
                <th scope="row">
                  <button
                    type="button"
                    className="btn--link"
                    aria-expanded={expanded === key}
                    onClick={() => setExpanded(expanded === key ? null : key)}
                  >
                    {areaName(byCode[c.provinceCode], i18n.language, c.provinceCode)}
                  </button>
                  {expanded === key && <Breakdowns cell={c} f={f} />}
                </th>
                <td>
                  <ShownValue v={c.counts.total} f={f} />
                </td>
                <td>
                  <ShownValue v={c.counts.within72h} f={f} />
                </td>
              </tr>
            );
          })}
        </tbody>
        {national && (
          <tfoot>
            <tr data-testid="incident-national">
              <th scope="row">{t('incidents.national')}</th>
              <td>
                <ShownValue v={national.total} f={f} />
              </td>
              <td />
            </tr>
          </tfoot>
        )}
      </table>
      <p className="muted small">
        {t('incidents.suppression', { cell: data.thresholds.cell, child: data.thresholds.child })}
      </p>
    </ListTab>
  );
}

function Breakdowns({ cell, f }: { cell: IncidentCell; f: Formatters }) {
  const { t } = useTranslation();
  const groups = [
    ['byType', INCIDENT_TYPES, 'incidentType'],
    ['bySex', SURVIVOR_SEXES, 'sex'],
    ['byAge', INCIDENT_AGE_BANDS, 'ageBand'],
    ['bySetting', INCIDENT_SETTINGS, 'setting'],
  ] as const;
  return (
    <div className="breakdowns">
      {groups.map(([k, keys, label]) => {
        const b = cell.counts[k] as Record<string, Shown> | null;
        return (
          <div key={k}>
            <strong>{t(`incidents.${k}`)}</strong>{' '}
            {b === null ? (
              <span className="muted">{t('incidents.breakdownHidden')}</span>
            ) : (
              keys.map((x) => (
                <span key={x} className="breakdown">
                  {t(`${label}.${x}`)}: <ShownValue v={b[x] ?? null} f={f} />
                </span>
              ))
            )}
          </div>
        );
      })}
    </div>
  );
}

/** "Figures released on ...; next release due ...": figures are released, not streamed (SPEC 2.4). */
function ReleaseLine({ data, f }: { data: IncidentData; f: Formatters }) {
  const { t } = useTranslation();
  const last = lastReleasedAt(data);
  return (
    <p className="muted small" data-testid="incident-release" title={t('incidents.releaseNote')}>
      {last ? t('incidents.released', { at: f.dateTime(last) }) : t('incidents.notReleased')}
      {data.nextReleaseAt && <>; {t('incidents.nextRelease', { at: f.dateTime(data.nextReleaseAt) })}</>}
    </p>
  );
}
