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

/**
 * Strings of the GBV response screens (services, alerts, requests, incidents, admin) load with
 * those screens, in their own chunks, so the phone's first download carries only the shelter strings.
 */
const packLoaders: Record<Language, () => Promise<Record<string, unknown>>> = {
  vi: () => import('./gbv.vi.js').then((m) => m.gbvVi),
  en: () => import('./gbv.en.js').then((m) => m.gbvEn),
};
let packWanted = false;
const packLoaded = new Set<Language>();

async function loadPack(lng: Language): Promise<void> {
  if (packLoaded.has(lng)) return;
  // Merged into the one namespace, so components use plain keys such as `services.title`.
  i18next.addResourceBundle(lng, 'translation', await packLoaders[lng](), true, false);
  packLoaded.add(lng);
}

/** Load the GBV screens' strings for the current language (and Vietnamese, the fallback). Safe to call often. */
export async function ensureGbvStrings(): Promise<void> {
  packWanted = true;
  const lng = i18next.language === 'en' ? 'en' : 'vi';
  await Promise.all([loadPack('vi'), loadPack(lng)]);
}

/** Load a lazy screen together with its strings. */
export function withGbvStrings<T>(load: () => Promise<T>): Promise<T> {
  return Promise.all([load(), ensureGbvStrings()]).then(([m]) => m);
}

const mainLoaded = new Set<Language>(['vi']);

async function ensureLoaded(lng: Language): Promise<void> {
  if (!mainLoaded.has(lng) && lng !== 'vi') {
    i18next.addResourceBundle(lng, 'translation', await loaders[lng](), true, false);
    mainLoaded.add(lng);
  }
  if (packWanted) await loadPack(lng);
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
