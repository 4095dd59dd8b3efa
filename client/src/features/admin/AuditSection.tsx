import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/schemas/incidents.js';
import { adminApi } from './api.js';
import { errorText } from '../../lib/errorText.js';
import { useFormat } from '../../lib/format.js';
import { ListTable, type Column } from './ListTable.js';

/** The incident audit log, newest first. */
export function AuditSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const [rows, setRows] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void adminApi.audit(200).then((r) => (r.ok ? setRows(r.data) : setError(errorText(t, r.error))));
  }, [t]);
  const columns: Column<AuditEntry>[] = [
    { head: t('admin.when'), cell: (r) => f.dateTime(r.at) },
    { head: t('auth.username'), cell: (r) => r.username ?? '—' },
    { head: t('admin.role'), cell: (r) => (r.role ? t(`roles.${r.role}`) : '—') },
    { head: t('admin.action'), cell: (r) => t(`admin.actions.${r.action}`) },
    { head: t('admin.resource'), cell: (r) => r.resource },
  ];
  return (
    // The log scrolls sideways on a phone and holds no control: focusable, so a keyboard can scroll it.
    <section className="card admin__section" tabIndex={0} aria-labelledby="admin-audit-title">
      <h2 id="admin-audit-title">{t('admin.audit')}</h2>
      <p className="muted small">{t('admin.auditNote')}</p>
      {error && <p className="alert alert--error">{error}</p>}
      <ListTable
        testId="admin-audit-log"
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        rowAttrs={() => ({ 'data-testid': 'admin-audit-row' })}
      />
    </section>
  );
}
