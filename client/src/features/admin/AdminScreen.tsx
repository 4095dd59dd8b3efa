import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditSection } from './AuditSection.js';
import { OrgsSection } from './OrgsSection.js';
import { TokensSection } from './TokensSection.js';
import { UsersSection } from './UsersSection.js';
import '../../app/screens.css';

/** The admin's screen: users (list, create, disable, SMS number), organisations, API tokens, the incident audit log. No GBV data. */
export function AdminScreen() {
  const { t } = useTranslation();
  const [section, setSection] = useState<'users' | 'orgs' | 'tokens' | 'audit'>('users');
  return (
    <div className="admin" data-testid="admin-screen">
      <div className="segmented" role="group" aria-label={t('admin.title')}>
        {(['users', 'orgs', 'tokens', 'audit'] as const).map((s) => (
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
      {section === 'tokens' && <TokensSection />}
      {section === 'audit' && <AuditSection />}
    </div>
  );
}
