import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { vi } from './vi.js';

/** Languages of the interface, Vietnamese first. */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'shr.lang';

// Vietnamese ships in the main bundle; English loads when chosen, to keep the phone payload small.
const loaders: Record<Exclude<Language, 'vi'>, () => Promise<Record<string, unknown>>> = {
  en: () => import('./en.js').then((m) => m.en),
};

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'vi' || v === 'en') return v;
  } catch {
    // Storage can be off (private mode); Vietnamese stays the default.
  }
  return 'vi';
}

async function ensureLoaded(lng: Language): Promise<void> {
  if (lng === 'vi' || i18next.hasResourceBundle(lng, 'translation')) return;
  i18next.addResourceBundle(lng, 'translation', await loaders[lng]());
}

/** Start i18next in the remembered language (Vietnamese by default). */
export async function initI18n(): Promise<void> {
  const stored = storedLanguage();
  await i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi } },
    lng: 'vi',
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
    // Event type names such as `shelter:updated` are keys; ':' must not split off a namespace.
    nsSeparator: false,
    returnNull: false,
  });
  document.documentElement.lang = 'vi';
  if (stored !== 'vi') await setLanguage(stored).catch(() => undefined);
}

/** Switch language and remember it on this device. */
export async function setLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not remembered, still switched.
  }
  await ensureLoaded(lng);
  document.documentElement.lang = lng;
  await i18next.changeLanguage(lng);
}

/** The BCP 47 locale for dates and numbers in the chosen language. */
export function localeFor(lng: string): string {
  if (lng.startsWith('en')) {
    const nav = typeof navigator !== 'undefined' ? navigator.language : '';
    return nav.startsWith('en') ? nav : 'en-GB';
  }
  return 'vi-VN';
}
