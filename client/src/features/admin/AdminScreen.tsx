import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditSection } from './AuditSection.js';
import { OrgsSection } from './OrgsSection.js';
import { UsersSection } from './UsersSection.js';

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
      {section === 'users' && <UsersSection />}
      {section === 'orgs' && <OrgsSection />}
      {section === 'audit' && <AuditSection />}
    </div>
  );
}
