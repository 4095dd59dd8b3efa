import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS, SECTORS } from '../../../../shared/enums.js';
import { LIMITS } from '../../../../shared/limits.js';
import { adminApi } from './api.js';
import { errorText } from '../../lib/errorText.js';
import { useOrganisationStore } from '../organisations/organisationStore.js';

/** Organisations: the list and a new one. */
export function OrgsSection() {
  const { t } = useTranslation();
  const orgs = useOrganisationStore((s) => s.byId);
  const [name, setName] = useState('');
  const [acronym, setAcronym] = useState('');
  const [kind, setKind] = useState<(typeof ORG_KINDS)[number]>('ngo');
  const [sectors, setSectors] = useState<(typeof SECTORS)[number][]>([]);
  const [error, setError] = useState<string | null>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const r = await adminApi.createOrganisation({
      name: name.trim(),
      acronym: acronym.trim() || null,
      kind,
      sectors,
    });
    if (!r.ok) return setError(errorText(t, r.error));
    // The organisation:created event brings it to every store, this one included.
    useOrganisationStore.setState({ byId: { ...useOrganisationStore.getState().byId, [r.data.id]: r.data } });
    setName('');
    setAcronym('');
  };
  return (
    <section className="card admin__section">
      <h2>{t('admin.orgs')}</h2>
      <table className="table" data-testid="admin-org-list">
        <thead>
          <tr>
            <th>{t('admin.orgName')}</th>
            <th>{t('admin.acronym')}</th>
            <th>{t('admin.kind')}</th>
            <th>{t('admin.sectors')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.values(orgs)
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((o) => (
              <tr key={o.id} data-testid="admin-org">
                <td>{o.name}</td>
                <td>{o.acronym ?? ''}</td>
                <td>{t(`orgKind.${o.kind}`)}</td>
                <td>{o.sectors.map((s) => t(`sector.${s}`)).join(', ')}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <form className="admin__form" onSubmit={(e) => void create(e)} data-testid="admin-org-form">
        <h3>{t('admin.newOrg')}</h3>
        <label className="field">
          <span>{t('admin.orgName')}</span>
          <input required maxLength={LIMITS.nameMax} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('admin.acronym')}</span>
          <input maxLength={24} value={acronym} onChange={(e) => setAcronym(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('admin.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as (typeof ORG_KINDS)[number])}>
            {ORG_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`orgKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="checks">
          <legend>{t('admin.sectors')}</legend>
          {SECTORS.map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                checked={sectors.includes(s)}
                onChange={(e) =>
                  setSectors(e.target.checked ? [...sectors, s] : sectors.filter((x) => x !== s))
                }
              />
              {t(`sector.${s}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn btn--primary">
          {t('admin.create')}
        </button>
      </form>
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
