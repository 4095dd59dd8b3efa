import i18next from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import viCommon from './locales/vi/common.json' with { type: 'json' };

/** Languages of the interface, Vietnamese first. */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The signed-in shell's namespaces (lists, panels), loaded with the shell's chunk: the sign-in form
 * needs only `common`, bundled, so it draws without waiting for them.
 */
export const SHELL_NAMESPACES = ['shelters'] as const;

/**
 * The map's (legend, layers), loaded with the map's chunk: a shelter manager's phone starts without
 * the map. The frame around it (show/hide, loading, failed) is in `common`.
 */
export const MAP_NAMESPACES = ['map'] as const;

/** The namespaces of the GBV response screens, loaded with the first of those screens. */
export const SCREEN_NAMESPACES = [
  'careAlerts',
  'services',
  'alerts',
  'requests',
  'incidents',
  'admin',
] as const;

/**
 * One namespace per domain, each a JSON file under `locales/<lng>/`: `common` (the shell's strings,
 * bundled), the shell's, the screens', and those of the printable pages. The others are searched
 * after `common` (fallbackNS), so components keep plain keys such as `services.title` and need not
 * name a namespace; each top-level key lives in one namespace, so their order does not matter.
 */
export const NAMESPACES = [
  'common',
  ...SHELL_NAMESPACES,
  ...MAP_NAMESPACES,
  ...SCREEN_NAMESPACES,
  'handover',
  'coordination',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

// The bundled files are left out, so that each of the others becomes its own chunk.
const lazyLocales = import.meta.glob<{ default: Record<string, unknown> }>([
  './locales/*/*.json',
  '!./locales/vi/common.json',
]);

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

/** Load namespaces for the current language (and Vietnamese, the fallback). Safe to call often. */
export async function loadNamespaces(ns: readonly Namespace[] = SCREEN_NAMESPACES): Promise<void> {
  await i18next.loadNamespaces([...ns]);
}

/** Load a lazy screen together with its strings. */
export function withNamespaces<T>(
  load: () => Promise<T>,
  ns: readonly Namespace[] = SCREEN_NAMESPACES,
): Promise<T> {
  return Promise.all([load(), loadNamespaces(ns)]).then(([m]) => m);
}

/** Start i18next in the remembered language (Vietnamese by default). */
export async function initI18n(): Promise<void> {
  const stored = storedLanguage();
  await i18next
    .use(initReactI18next)
    // Every other language and namespace is its own chunk, fetched when first needed, so the
    // phone's first download carries only the Vietnamese strings of the sign-in form and the frame.
    .use(resourcesToBackend((lng: string, ns: string) => lazyLocales[`./locales/${lng}/${ns}.json`]?.()))
    .init({
      resources: { vi: { common: viCommon } },
      partialBundledLanguages: true,
      ns: ['common'],
      defaultNS: 'common',
      fallbackNS: NAMESPACES.filter((n) => n !== 'common'),
      lng: stored,
      fallbackLng: 'vi',
      supportedLngs: [...LANGUAGES],
      interpolation: { escapeValue: false },
      // Event type names such as `shelter:updated` are keys; ':' must not split off a namespace.
      nsSeparator: false,
      returnNull: false,
    })
    .catch(() => undefined);
  document.documentElement.lang = i18next.language === 'en' ? 'en' : 'vi';
}

/** Switch language and remember it on this device. */
export async function setLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not remembered, still switched.
  }
  // changeLanguage loads every namespace already in use for the new language before switching.
  await i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
}

/** The BCP 47 locale for dates and numbers in the chosen language. */
export function localeFor(lng: string): string {
  if (lng.startsWith('en')) {
    const nav = typeof navigator !== 'undefined' ? navigator.language : '';
    return nav.startsWith('en') ? nav : 'en-GB';
  }
  return 'vi-VN';
}
