import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/enums.js';
import { LIMITS } from '../../../../shared/limits.js';
import type { User } from '../../../../shared/schemas/auth.js';
import { adminApi } from './api.js';
import { errorText } from '../../lib/errorText.js';
import { useAreaStore } from '../areas/areaStore.js';
import { useOrganisationStore } from '../organisations/organisationStore.js';
import { UserPhone } from './UserPhone.js';

/** Users: the list, disable or enable, and a new account. */
export function UsersSection() {
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
    void adminApi.users().then((r) => {
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
    const r = await adminApi.createUser({
      ...form,
      username: form.username.trim(),
      scope: form.scope ? [form.scope] : null,
    });
    if (!r.ok) return setError(errorText(t, r.error));
    setForm({ ...form, username: '', displayName: '', password: '' });
    setReload((n) => n + 1);
  };
  const setDisabled = async (u: User, disabled: boolean) => {
    const r = await adminApi.patchUser(u.id, { disabled });
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
            <th>{t('admin.phone')}</th>
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
                <UserPhone
                  user={u}
                  onSaved={(v) => setUsers((l) => l?.map((x) => (x.id === v.id ? v : x)) ?? null)}
                />
              </td>
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
