import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { editsCoordinationRole } from '../../../../shared/domain/permissions.js';
import type { Me, Organisation } from '../../../../shared/schemas/auth.js';
import type { CoordinationRole } from '../../../../shared/schemas/coordinationRoles.js';
import { api } from '../../lib/api.js';
import { useFormat } from '../../lib/format.js';
import { loadNamespaces } from '../../i18n/index.js';
import { LoadStatus, PrintTools } from '../../app/ui/PrintPage.js';
import { TableHead } from '../../app/ui/TableHead.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { cellOf, gapsOf, matrixPlaces, type MatrixPlace } from './matrix.js';
import './coordination.css';

type Save = (r: CoordinationRole, patch: Partial<CoordinationRole>) => Promise<void>;

function RoleRow(props: { role: CoordinationRole; place: MatrixPlace; me: Me | null; save: Save }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { role: r, place, me, save } = props;
  const gaps = gapsOf(r, new Date());
  const editable = me !== null && editsCoordinationRole(me, r);
  return (
    <tr
      className={gaps.noLead || gaps.reviewDue ? 'matrix__row--gap' : undefined}
      data-testid={`matrix-row-${r.function}`}
      data-gap={gaps.noLead || gaps.reviewDue ? 'true' : 'false'}
    >
      <th scope="row">
        {t(`matrix.functions.${r.function}`)}
        {gaps.noLead && (
          <>
            {' '}
            <span className="matrix__gap" data-testid="matrix-no-lead">
              {t('matrix.noLead')}
            </span>
          </>
        )}
      </th>
      {place.orgIds.map((id) => {
        const c = cellOf(r, id);
        return (
          <td key={id} className={c === 'lead' ? 'matrix__lead' : undefined}>
            {c ? t(`matrix.${c}`) : ''}
          </td>
        );
      })}
      <td className="matrix__contact">{r.contact ? `${r.contact.desk}: ${r.contact.phone}` : '—'}</td>
      <td className={r.state === 'activated' ? 'matrix__activated' : undefined} data-testid="matrix-state">
        {t(`matrix.states.${r.state}`)}
      </td>
      <td>
        {r.lastReviewedAt ? f.date(r.lastReviewedAt) : t('matrix.never')}
        {gaps.reviewDue && (
          <>
            {' '}
            <span className="matrix__gap" data-testid="matrix-review-due">
              {t('matrix.reviewDue')}
            </span>
          </>
        )}
        {editable && (
          <span className="no-print">
            {' '}
            <button
              type="button"
              className="btn btn--small"
              data-testid="matrix-mark-reviewed"
              onClick={() => void save(r, { lastReviewedAt: new Date().toISOString() })}
            >
              {t('matrix.markReviewed')}
            </button>{' '}
            <button
              type="button"
              className="btn btn--small"
              data-testid="matrix-toggle-state"
              onClick={() => void save(r, { state: r.state === 'activated' ? 'standby' : 'activated' })}
            >
              {r.state === 'activated' ? t('matrix.standDown') : t('matrix.activate')}
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

/**
 * The coordination mechanism as a printable matrix (issue 13): per place, functions against the
 * organisations that lead or support them, gaps in red, activation shown. Everyone signed in reads
 * it; those who may edit a role mark it reviewed or change its state from here.
 */
export function MatrixPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [roles, setRoles] = useState<CoordinationRole[] | null>(null);
  const [orgs, setOrgs] = useState<Record<string, string>>({});
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [place, setPlace] = useState<string>('all');
  const provinces = useAreaStore((s) => s.byCode);

  useEffect(() => {
    let live = true;
    void (async () => {
      await loadNamespaces(['coordination']);
      void useAreaStore.getState().load();
      const [r, o, m] = await Promise.all([
        api.get<CoordinationRole[]>('/api/coordination-roles'),
        api.get<Organisation[]>('/api/organisations'),
        api.get<Me>('/api/me'),
      ]);
      if (!live) return;
      if (!r.ok) return setError(r.error.message);
      setRoles(r.data);
      if (o.ok) setOrgs(Object.fromEntries(o.data.map((x) => [x.id, x.name])));
      if (m.ok) setMe(m.data);
    })();
    return () => {
      live = false;
    };
  }, []);

  const save: Save = async (r, patch) => {
    const reply = await api.patch<CoordinationRole>(`/api/coordination-roles/${r.id}`, {
      version: r.version,
      ...patch,
    });
    if (!reply.ok) return setError(t('matrix.saveFailed', { message: reply.error.message }));
    setError(null);
    setRoles((all) => all && all.map((x) => (x.id === r.id ? reply.data : x)));
  };

  const placeName = (code: string | null) =>
    code === null ? t('matrix.national') : areaName(provinces[code], i18n.language, code);
  const places = roles ? matrixPlaces(roles) : [];
  const shown = places.filter((p) => place === 'all' || (p.provinceCode ?? 'national') === place);

  return (
    <main className="matrix print-page" data-testid="matrix-page">
      <PrintTools className="matrix__tools" print={{ testId: 'matrix-print', label: t('matrix.print') }}>
        <a className="btn" href="/" data-testid="matrix-back">
          {t('matrix.back')}
        </a>
        <label>
          {t('matrix.place')}{' '}
          <select value={place} data-testid="matrix-place" onChange={(e) => setPlace(e.target.value)}>
            <option value="all">{t('matrix.all')}</option>
            {places.map((p) => (
              <option key={p.provinceCode ?? 'national'} value={p.provinceCode ?? 'national'}>
                {placeName(p.provinceCode)}
              </option>
            ))}
          </select>
        </label>
      </PrintTools>
      <h1>{t('matrix.title')}</h1>
      <p className="matrix__legend">
        {t('matrix.gaps')} · {t('matrix.printedAt', { at: f.dateTime(new Date().toISOString()) })}
      </p>
      <LoadStatus error={error} loading={!roles} loadingText={t('matrix.loading')} />
      {shown.map((p) => (
        <section
          key={p.provinceCode ?? 'national'}
          data-testid={`matrix-place-${p.provinceCode ?? 'national'}`}
        >
          <h2>{placeName(p.provinceCode)}</h2>
          <div className="matrix__wrap">
            <table className="matrix__table">
              <TableHead
                heads={[t('matrix.function'), t('matrix.contact'), t('matrix.state'), t('matrix.reviewed')]}
              >
                {p.orgIds.map((id) => (
                  <th scope="col" key={id}>
                    {orgs[id] ?? '—'}
                  </th>
                ))}
              </TableHead>
              <tbody>
                {p.roles.map((r) => (
                  <RoleRow key={r.id} role={r} place={p} me={me} save={save} />
                ))}
              </tbody>
            </table>
          </div>
          {p.undefinedFunctions.length > 0 && (
            <p className="matrix__legend">
              {t('matrix.fallsBack', {
                functions: p.undefinedFunctions.map((x) => t(`matrix.functions.${x}`)).join(', '),
              })}
            </p>
          )}
        </section>
      ))}
    </main>
  );
}
