import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { vi } from './vi.js';

/** Languages of the interface, Vietnamese first. */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'shr.lang';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'vi' || v === 'en') return v;
  } catch {
    // Storage can be off (private mode); Vietnamese stays the default.
  }
  return 'vi';
}

export function initI18n(): typeof i18next {
  const lng = storedLanguage();
  document.documentElement.lang = lng;
  void i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng,
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
    // Event type names such as `shelter:updated` are keys; ':' must not split off a namespace.
    nsSeparator: false,
    returnNull: false,
  });
  return i18next;
}

/** Switch language and remember it on this device. */
export function setLanguage(lng: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not remembered, still switched.
  }
  document.documentElement.lang = lng;
  void i18next.changeLanguage(lng);
}

/** The BCP 47 locale for dates and numbers in the chosen language. */
export function localeFor(lng: string): string {
  if (lng.startsWith('en')) {
    const nav = typeof navigator !== 'undefined' ? navigator.language : '';
    return nav.startsWith('en') ? nav : 'en-GB';
  }
  return 'vi-VN';
}
