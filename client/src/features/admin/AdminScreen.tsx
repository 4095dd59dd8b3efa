import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS, ROLES, SECTORS, type Role } from '../../../../shared/enums.js';
import { LIMITS } from '../../../../shared/limits.js';
import type { Organisation, User } from '../../../../shared/schemas/auth.js';
import type { AuditEntry } from '../../../../shared/schemas/incidents.js';
import { api } from '../../lib/api.js';
import { errorText } from '../../lib/errorText.js';
import { useFormat } from '../../lib/format.js';
import { useAreaStore } from '../areas/areaStore.js';
import { useOrganisationStore } from '../organisations/organisationStore.js';

/** The admin's screen: users (list, create, disable), organisations (list, create), the incident audit log. No GBV data. */
export function AdminScreen() {
  const { t } = useTranslation();
  const [section, setSection] = useState<'users' | 'orgs' | 'audit'>('users');
  return (
    <div className="admin" data-testid="admin-screen">
      <div className="segmented" role="group" aria-label={t('admin.title')}>
        {(['users', 'orgs', 'audit'] as const).map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={section === s}
            data-testid={`admin-${s}`}
            onClick={() => setSection(s)}
          >
            {t(`admin.${s}`)}
          </button>
        ))}
      </div>
      {section === 'users' && <Users />}
      {section === 'orgs' && <Orgs />}
      {section === 'audit' && <Audit />}
    </div>
  );
}

function Users() {
  const { t } = useTranslation();
  const orgs = useOrganisationStore((s) => s.byId);
  const provinces = useAreaStore((s) => s.provinces);
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState({
    username: '',
    displayName: '',
    password: '',
    role: 'viewer' as Role,
    orgId: '',
    scope: '',
  });
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let live = true;
    void api.get<User[]>('/api/users').then((r) => {
      if (!live) return;
      if (r.ok) setUsers(r.data);
      else setError(errorText(t, r.error));
    });
    return () => {
      live = false;
    };
  }, [t, reload]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const r = await api.post<User>('/api/users', {
      ...form,
      username: form.username.trim(),
      scope: form.scope ? [form.scope] : null,
    });
    if (!r.ok) return setError(errorText(t, r.error));
    setForm({ ...form, username: '', displayName: '', password: '' });
    setReload((n) => n + 1);
  };
  const setDisabled = async (u: User, disabled: boolean) => {
    const r = await api.patch<User>(`/api/users/${encodeURIComponent(u.id)}`, { disabled });
    if (r.ok) setUsers((list) => list?.map((x) => (x.id === u.id ? r.data : x)) ?? null);
    else setError(errorText(t, r.error));
  };

  return (
    <section className="card admin__section">
      <h2>{t('admin.users')}</h2>
      <table className="table" data-testid="admin-user-list">
        <thead>
          <tr>
            <th>{t('auth.username')}</th>
            <th>{t('admin.displayName')}</th>
            <th>{t('admin.role')}</th>
            <th>{t('admin.org')}</th>
            <th>{t('admin.scope')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users?.map((u) => (
            <tr
              key={u.id}
              data-testid="admin-user"
              data-username={u.username}
              className={u.disabled ? 'row--stale' : ''}
            >
              <td>{u.username}</td>
              <td>{u.displayName}</td>
              <td>{t(`roles.${u.role}`)}</td>
              <td>{orgs[u.orgId]?.acronym ?? orgs[u.orgId]?.name ?? ''}</td>
              <td>{u.scope ? u.scope.join(', ') : t('admin.national')}</td>
              <td>
                <button
                  type="button"
                  className="btn btn--small"
                  data-testid="admin-user-toggle"
                  onClick={() => void setDisabled(u, !u.disabled)}
                >
                  {u.disabled ? t('admin.enable') : t('admin.disable')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="admin__form" onSubmit={(e) => void create(e)} data-testid="admin-user-form">
        <h3>{t('admin.newUser')}</h3>
        <label className="field">
          <span>{t('auth.username')}</span>
          <input
            required
            maxLength={LIMITS.usernameMax}
            value={form.username}
            onChange={(e) => setForm({ ...form, username: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('admin.displayName')}</span>
          <input
            required
            maxLength={LIMITS.nameMax}
            value={form.displayName}
            onChange={(e) => setForm({ ...form, displayName: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('auth.password')}</span>
          <input
            type="password"
            required
            minLength={LIMITS.passwordMin}
            maxLength={LIMITS.passwordMax}
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('admin.role')}</span>
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('admin.org')}</span>
          <select required value={form.orgId} onChange={(e) => setForm({ ...form, orgId: e.target.value })}>
            <option value="" disabled />
            {Object.values(orgs).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('admin.scope')}</span>
          <select value={form.scope} onChange={(e) => setForm({ ...form, scope: e.target.value })}>
            <option value="">{t('admin.national')}</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {p.nameVi}
              </option>
            ))}
          </select>
        </label>
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

function Orgs() {
  const { t } = useTranslation();
  const orgs = useOrganisationStore((s) => s.byId);
  const [name, setName] = useState('');
  const [acronym, setAcronym] = useState('');
  const [kind, setKind] = useState<(typeof ORG_KINDS)[number]>('ngo');
  const [sectors, setSectors] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const r = await api.post<Organisation>('/api/organisations', {
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

function Audit() {
  const { t } = useTranslation();
  const f = useFormat();
  const [rows, setRows] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api
      .get<AuditEntry[]>('/api/audit?limit=200')
      .then((r) => (r.ok ? setRows(r.data) : setError(errorText(t, r.error))));
  }, [t]);
  return (
    // The log scrolls sideways on a phone and holds no control: focusable, so a keyboard can scroll it.
    <section className="card admin__section" tabIndex={0} aria-labelledby="admin-audit-title">
      <h2 id="admin-audit-title">{t('admin.audit')}</h2>
      <p className="muted small">{t('admin.auditNote')}</p>
      {error && <p className="alert alert--error">{error}</p>}
      <table className="table" data-testid="admin-audit-log">
        <thead>
          <tr>
            <th>{t('admin.when')}</th>
            <th>{t('auth.username')}</th>
            <th>{t('admin.role')}</th>
            <th>{t('admin.action')}</th>
            <th>{t('admin.resource')}</th>
          </tr>
        </thead>
        <tbody>
          {rows?.map((r) => (
            <tr key={r.id} data-testid="admin-audit-row">
              <td>{f.dateTime(r.at)}</td>
              <td>{r.username ?? '—'}</td>
              <td>{r.role ? t(`roles.${r.role}`) : '—'}</td>
              <td>{t(`admin.actions.${r.action}`)}</td>
              <td>{r.resource}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
