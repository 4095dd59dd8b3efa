import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/limits.js';
import {
  TOKEN_PURPOSES,
  TOKEN_ROLES,
  type ApiToken,
  type ApiTokenCreated,
  type TokenPurpose,
} from '../../../../shared/schemas/tokens.js';
import { api } from '../../lib/api.js';
import { errorText } from '../../lib/errorText.js';
import { useFormat } from '../../lib/format.js';
import { useOrganisationStore } from '../organisations/organisationStore.js';

/** The admin's API tokens: list with last use, create (the secret shown once), revoke. */
export function TokensSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const orgs = useOrganisationStore((s) => s.byId);
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [form, setForm] = useState({
    name: '',
    orgId: '',
    role: 'viewer' as (typeof TOKEN_ROLES)[number],
    purpose: '' as TokenPurpose | '',
  });
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let live = true;
    void api.get<ApiToken[]>('/api/tokens').then((r) => {
      if (!live) return;
      if (r.ok) setTokens(r.data);
      else setError(errorText(t, r.error));
    });
    return () => {
      live = false;
    };
  }, [t, reload]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const r = await api.post<ApiTokenCreated>('/api/tokens', {
      name: form.name.trim(),
      orgId: form.orgId,
      ...(form.purpose ? { purpose: form.purpose } : { role: form.role }),
    });
    if (!r.ok) return setError(errorText(t, r.error));
    setSecret(r.data.secret);
    setForm({ ...form, name: '' });
    setReload((n) => n + 1);
  };
  const revoke = async (tok: ApiToken) => {
    const r = await api.delete<ApiToken>(`/api/tokens/${encodeURIComponent(tok.id)}`);
    if (r.ok) setTokens((list) => list?.map((x) => (x.id === tok.id ? r.data : x)) ?? null);
    else setError(errorText(t, r.error));
  };

  return (
    <section className="card admin__section" data-testid="admin-token-section">
      <h2>{t('admin.tokens')}</h2>
      <p className="muted small">{t('admin.tokensNote')}</p>
      <table className="table" data-testid="admin-token-list">
        <thead>
          <tr>
            <th>{t('admin.tokenName')}</th>
            <th>{t('admin.org')}</th>
            <th>{t('admin.tokenPurpose')}</th>
            <th>{t('admin.lastUsed')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens?.map((tok) => (
            <tr
              key={tok.id}
              data-testid="admin-token"
              data-name={tok.name}
              className={tok.revokedAt ? 'row--stale' : ''}
            >
              <td>
                {tok.name} <code>{tok.prefix}…</code>
              </td>
              <td>{orgs[tok.orgId]?.acronym ?? orgs[tok.orgId]?.name ?? ''}</td>
              <td>{tok.purpose ? t(`admin.purposes.${tok.purpose}`) : t(`roles.${tok.role}`)}</td>
              <td>{tok.lastUsedAt ? f.dateTime(tok.lastUsedAt) : t('admin.never')}</td>
              <td>
                {tok.revokedAt ? (
                  t('admin.revoked')
                ) : (
                  <button
                    type="button"
                    className="btn btn--small"
                    data-testid="admin-token-revoke"
                    onClick={() => void revoke(tok)}
                  >
                    {t('admin.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {secret && (
        <p className="alert" role="status" data-testid="admin-token-secret">
          {t('admin.secretOnce')} <code>{secret}</code>
        </p>
      )}
      <form className="admin__form" onSubmit={(e) => void create(e)} data-testid="admin-token-form">
        <h3>{t('admin.newToken')}</h3>
        <label className="field">
          <span>{t('admin.tokenName')}</span>
          <input
            required
            maxLength={LIMITS.nameMax}
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
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
          <span>{t('admin.tokenPurpose')}</span>
          <select
            value={form.purpose}
            onChange={(e) => setForm({ ...form, purpose: e.target.value as TokenPurpose | '' })}
          >
            <option value="">{t('admin.purposeNone')}</option>
            {TOKEN_PURPOSES.map((p) => (
              <option key={p} value={p}>
                {t(`admin.purposes.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {!form.purpose && (
          <label className="field">
            <span>{t('admin.role')}</span>
            <select
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.target.value as (typeof TOKEN_ROLES)[number] })}
            >
              {TOKEN_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </label>
        )}
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
