import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/schemas/incidents.js';
import { adminApi } from './api.js';
import { errorText } from '../../lib/errorText.js';
import { useFormat } from '../../lib/format.js';

/** The incident audit log, newest first. */
export function AuditSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const [rows, setRows] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void adminApi.audit(200).then((r) => (r.ok ? setRows(r.data) : setError(errorText(t, r.error))));
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
