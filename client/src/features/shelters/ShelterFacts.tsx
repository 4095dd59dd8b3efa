import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Fact } from '../../app/ui/Detail.js';
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
      <Fact label={t('panel.occupancy')} testId="panel-occupancy">
        {f.number(s.occupancy)} / {f.number(s.capacity)}
      </Fact>
      <Fact label={t('panel.households')}>{f.number(s.households)}</Fact>
      <Fact label={t('panel.kind')}>{t(`kind.${s.kind}`)}</Fact>
      <Fact label={t('panel.province')}>{areaName(province, i18n.language, s.provinceCode)}</Fact>
      {org && <Fact label={t('panel.managedBy')}>{org.acronym ?? org.name}</Fact>}
      {s.contactPhone && (
        <Fact label={t('panel.contact')}>
          <a href={`tel:${s.contactPhone.replace(/[^\d+]/g, '')}`}>{s.contactPhone}</a>
        </Fact>
      )}
      <Fact label={t('panel.smsCode')} testId="shelter-sms-code">
        {s.smsCode}
      </Fact>
      <Fact label={t('panel.lastReported')}>
        <time dateTime={s.lastReportedAt}>{f.dateTime(s.lastReportedAt)}</time> (
        {f.relative(s.lastReportedAt, now)})
        {s.reportSource === 'sms' && (
          <span className="badge" data-testid="shelter-via-sms">
            {t('panel.viaSms')}
          </span>
        )}
      </Fact>
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
