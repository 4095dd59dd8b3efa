import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shelter, ShelterHistoryEntry } from '../../../../shared/schemas/shelters.js';
import { useFormat } from '../../lib/format.js';
import { useNow } from '../../lib/useNow.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { useOrganisationStore } from '../organisations/organisationStore.js';
import { shelterApi } from './api.js';

/** The facts of a shelter: people, kind, place, who runs it, how to reach it, when it last reported. */
export function DetailFacts({ shelter: s }: { shelter: Shelter }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const now = useNow();
  const province = useAreaStore((st) => st.byCode[s.provinceCode]);
  const org = useOrganisationStore((st) => (s.managingOrgId ? st.byId[s.managingOrgId] : undefined));
  return (
    <dl className="kv">
      <dt>{t('panel.occupancy')}</dt>
      <dd data-testid="panel-occupancy">
        {f.number(s.occupancy)} / {f.number(s.capacity)}
      </dd>
      <dt>{t('panel.households')}</dt>
      <dd>{f.number(s.households)}</dd>
      <dt>{t('panel.kind')}</dt>
      <dd>{t(`kind.${s.kind}`)}</dd>
      <dt>{t('panel.province')}</dt>
      <dd>{areaName(province, i18n.language, s.provinceCode)}</dd>
      {org && (
        <>
          <dt>{t('panel.managedBy')}</dt>
          <dd>{org.acronym ?? org.name}</dd>
        </>
      )}
      {s.contactPhone && (
        <>
          <dt>{t('panel.contact')}</dt>
          <dd>
            <a href={`tel:${s.contactPhone.replace(/[^\d+]/g, '')}`}>{s.contactPhone}</a>
          </dd>
        </>
      )}
      <dt>{t('panel.smsCode')}</dt>
      <dd data-testid="shelter-sms-code">{s.smsCode}</dd>
      <dt>{t('panel.lastReported')}</dt>
      <dd>
        <time dateTime={s.lastReportedAt}>{f.dateTime(s.lastReportedAt)}</time> (
        {f.relative(s.lastReportedAt, now)})
        {s.reportSource === 'sms' && (
          <span className="badge" data-testid="shelter-via-sms">
            {t('panel.viaSms')}
          </span>
        )}
      </dd>
    </dl>
  );
}

/** The shelter's change history, loaded when opened (again after a newer version). */
export function History({ shelterId, version }: { shelterId: string; version: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [state, setState] = useState<{
    forVersion: number;
    entries: ShelterHistoryEntry[] | null;
    failed: boolean;
  } | null>(null);
  const load = async () => {
    const r = await shelterApi.history(shelterId);
    setState({ forVersion: version, entries: r.ok ? r.data : null, failed: !r.ok });
  };
  const open = state !== null;
  return (
    <details
      className="history"
      onToggle={(e) =>
        e.currentTarget.open && (!open || state.forVersion !== version) ? void load() : undefined
      }
    >
      <summary>{t('panel.showHistory')}</summary>
      {state?.failed && <p className="muted">{t('panel.historyFailed')}</p>}
      {state?.entries && state.entries.length === 0 && <p className="muted">{t('panel.historyEmpty')}</p>}
      {state?.entries && (
        <ol className="history__list">
          {[...state.entries].reverse().map((h) => (
            <li key={h.seq}>
              <time dateTime={h.at}>{f.dateTime(h.at)}</time>{' '}
              {t(`activity.${h.type}`, { defaultValue: h.type })}: {Object.keys(h.changes).join(', ')}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
