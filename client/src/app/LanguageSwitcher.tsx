import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n/index.js';

const NAMES = { vi: 'Tiếng Việt', en: 'English' } as const;

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <div
      className="segmented segmented--small"
      role="group"
      aria-label={t('app.language')}
      data-testid="language-switcher"
    >
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={i18n.language === lng}
          data-testid={`lang-${lng}`}
          aria-label={NAMES[lng]}
          onClick={() => void setLanguage(lng)}
        >
          <span className="lang-long">{NAMES[lng]}</span>
          <span className="lang-short" aria-hidden="true">
            {lng.toUpperCase()}
          </span>
        </button>
      ))}
    </div>
  );
}
