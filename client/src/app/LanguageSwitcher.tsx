import { LANGUAGES, setLanguage, useLanguageStore } from '../i18n/language.js';
import { useSignInText } from '../i18n/signInText.js';

const NAMES = { vi: 'Tiếng Việt', en: 'English' } as const;

/** On the sign-in screen too, so it draws without i18next (which follows it once loaded). */
export function LanguageSwitcher() {
  const t = useSignInText();
  const language = useLanguageStore((s) => s.language);
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
          aria-pressed={language === lng}
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
