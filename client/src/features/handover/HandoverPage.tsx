import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REQUEST_PRIORITIES } from '../../../../shared/enums.js';
import type { Handover, HandoverFigures, HandoverNote } from '../../../../shared/schemas/handover.js';
import { api } from '../../lib/api.js';
import { useFormat } from '../../lib/format.js';
import { LocalTimeInput } from '../../lib/forms/LocalTimeInput.js';
import { loadNamespaces, SHELL_NAMESPACES } from '../../i18n/index.js';
import { LoadStatus, PrintTools } from '../../app/ui/PrintPage.js';
import { TableHead } from '../../app/ui/TableHead.js';
import { HandoverNotes } from './HandoverNotes.js';
import './handover.css';

/** A `datetime-local` value (local time, minutes) for an instant. */
function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

type Row = { label: string; since: number; now: number };

function figureRows(
  t: (k: string, o?: Record<string, unknown>) => string,
  s: HandoverFigures,
  n: HandoverFigures,
): Row[] {
  const keys = [
    'peopleSheltered',
    'sheltersOpen',
    'sheltersFull',
    'sheltersDamaged',
    'sheltersStale',
    'servicesDown',
  ] as const;
  return [
    ...keys.map((k) => ({ label: t(`handover.${k}`), since: s[k], now: n[k] })),
    ...REQUEST_PRIORITIES.map((p) => ({
      label: t('handover.openRequests', { priority: t(`priority.${p}`) }),
      since: s.openRequests[p],
      now: n.openRequests[p],
    })),
  ];
}

function List<T>({ title, items, render }: { title: string; items: T[]; render: (x: T) => string }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">{t('handover.none')}</p>
      ) : (
        <ul>
          {items.map((x, i) => (
            <li key={i}>{render(x)}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * The shift handover brief as a printable page (A4 through the browser's print to PDF): what the
 * signed-in role may read, how it moved since the start of the shift, and notes for the next shift.
 */
export function HandoverPage() {
  const { t } = useTranslation();
  const f = useFormat();
  // Empty until the reader picks a time: the server then chooses the start of the shift (12 hours
  // back, and on the demo not before its seed) and the field shows what it chose.
  const [since, setSince] = useState('');
  const [brief, setBrief] = useState<Handover | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      await loadNamespaces(['handover', 'requests', 'alerts', ...SHELL_NAMESPACES]);
      const query = since ? `?since=${encodeURIComponent(new Date(since).toISOString())}` : '';
      const r = await api.get<Handover>(`/api/handover${query}`);
      if (!live) return;
      if (r.ok) {
        setBrief(r.data);
        setError(null);
      } else setError(r.status === 401 ? t('handover.signIn') : r.error.message);
    })();
    return () => {
      live = false;
    };
  }, [since, t]);

  const onNote = (n: HandoverNote) => setBrief((b) => (b ? { ...b, notes: [...b.notes, n] } : b));

  return (
    <main className="handover print-page" data-testid="handover-page">
      <PrintTools className="handover__tools" print={{ testId: 'handover-print', label: t('handover.pdf') }}>
        <a className="btn" href="/">
          {t('handover.back')}
        </a>
        <label>
          {t('handover.since')}{' '}
          <LocalTimeInput
            kind="datetime"
            value={since || (brief ? localInput(new Date(brief.since)) : '')}
            testId="handover-since"
            onChange={(v) => v && setSince(v)}
          />
        </label>
      </PrintTools>
      <h1>{t('handover.title')}</h1>
      <LoadStatus
        error={error && t('handover.failed', { message: error })}
        loading={!brief}
        loadingText={t('handover.loading')}
      />
      {brief && (
        <article data-testid="handover-brief">
          <p className="handover__meta">
            {t('handover.preparedBy', { name: brief.preparedBy.name, org: brief.preparedBy.org })} ·{' '}
            {t(`roles.${brief.preparedBy.role}`)}
            <br />
            {t('handover.preparedAt', { at: f.dateTime(brief.preparedAt) })} ·{' '}
            {t('handover.period', { since: f.dateTime(brief.since), now: f.dateTime(brief.preparedAt) })}
          </p>
          <section>
            <h2>{t('handover.figures')}</h2>
            <table className="handover__figures" data-testid="handover-figures">
              <TableHead
                heads={[
                  t('handover.metric'),
                  t('handover.atSince'),
                  t('handover.atNow'),
                  t('handover.change'),
                ]}
              />
              <tbody>
                {figureRows(t, brief.figures.since, brief.figures.now).map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    <td>{f.number(r.since)}</td>
                    <td>{f.number(r.now)}</td>
                    <td>
                      {r.now === r.since
                        ? '—'
                        : `${r.now > r.since ? '+' : '−'}${f.number(Math.abs(r.now - r.since))}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section>
            <h2>{t('handover.alerts')}</h2>
            {brief.alerts.inForce.length === 0 && <p className="muted">{t('handover.noAlerts')}</p>}
            <ul>
              {brief.alerts.inForce.map((a) => (
                <li key={a.id}>
                  <strong>{a.title}</strong> · {t('alerts.level', { level: a.level })} ·{' '}
                  {t('handover.validTo', { at: f.dateTime(a.validTo) })}
                  {a.newSince && <span className="handover__tag"> {t('handover.newSince')}</span>}
                  {a.changedSince && <span className="handover__tag"> {t('handover.changedSince')}</span>}
                </li>
              ))}
            </ul>
            {brief.alerts.endedSince.length > 0 && (
              <List
                title={t('handover.endedSince')}
                items={brief.alerts.endedSince}
                render={(a) => a.title}
              />
            )}
          </section>
          {brief.requests && (
            <section data-testid="handover-requests">
              <h2>{t('handover.requests')}</h2>
              <List
                title={t('handover.opened', { count: brief.requests.opened.length })}
                items={brief.requests.opened}
                render={(r) => `${r.title} · ${t(`priority.${r.priority}`)}`}
              />
              <List
                title={t('handover.moved', { count: brief.requests.moved.length })}
                items={brief.requests.moved}
                render={(m) =>
                  `${m.request.title}: ${m.from ? t(`requestStatus.${m.from}`) : '—'} → ${t(`requestStatus.${m.to}`)} (${f.time(m.at)})`
                }
              />
              <List
                title={t('handover.overdue', { count: brief.requests.overdue.length })}
                items={brief.requests.overdue}
                render={(r) => `${r.title} · ${r.neededBy ? f.dateTime(r.neededBy) : ''}`}
              />
            </section>
          )}
          {brief.gbvAlerts && (
            <section data-testid="handover-gbv-alerts">
              <List
                title={t('handover.gbvAlerts', { count: brief.gbvAlerts.length })}
                items={brief.gbvAlerts}
                render={(g) => `${g.serviceName} · ${f.dateTime(g.createdAt)}`}
              />
            </section>
          )}
          <section>
            <h2>{t('handover.stale')}</h2>
            <List
              title={t('handover.staleShelters', { count: brief.stale.shelters.length })}
              items={brief.stale.shelters}
              render={(s) =>
                `${s.name} · ${t('handover.lastReported', { at: f.dateTime(s.lastReportedAt) })}`
              }
            />
            <List
              title={t('handover.staleServices', { count: brief.stale.services.length })}
              items={brief.stale.services}
              render={(s) =>
                `${s.name} · ${t('handover.lastReported', { at: f.dateTime(s.lastReportedAt) })}`
              }
            />
          </section>
          <HandoverNotes notes={brief.notes} onSaved={onNote} />
        </article>
      )}
    </main>
  );
}
