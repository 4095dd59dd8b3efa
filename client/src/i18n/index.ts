import i18next from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import { followLanguage, LANGUAGES, useLanguageStore } from './language.js';
import viCommon from './locales/vi/common.json' with { type: 'json' };
import enSignIn from './locales/en/signin.json' with { type: 'json' };
import viSignIn from './locales/vi/signin.json' with { type: 'json' };

export { LANGUAGES, setLanguage, type Language } from './language.js';

/**
 * The signed-in shell's namespaces (lists, panels), loaded with the shell's chunk. The sign-in form
 * needs only `signin` (both languages, bundled), which it draws without i18next (signInText.ts).
 */
export const SHELL_NAMESPACES = ['shelters'] as const;

/**
 * The map's (legend, layers), loaded with the map's chunk: a shelter manager's phone starts without
 * the map. The frame around it (show/hide, loading, failed) is in `common`.
 */
export const MAP_NAMESPACES = ['map'] as const;

/** The namespaces of the GBV response screens, loaded with the first of those screens. */
export const SCREEN_NAMESPACES = [
  'activity',
  'careAlerts',
  'dataImport',
  'services',
  'alerts',
  'requests',
  'incidents',
  'admin',
] as const;

/**
 * One namespace per domain, each a JSON file under `locales/<lng>/`: `signin` (the sign-in screen's
 * and the frame's, bundled with the form), `common` (the shell's, in i18next's chunk), the shell's,
 * the screens', and those of the printable pages. The others are searched after `common`
 * (fallbackNS), so components keep plain keys such as `services.title` and need not name a
 * namespace; each top-level key lives in one namespace, so their order does not matter.
 */
export const NAMESPACES = [
  'signin',
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
  '!./locales/*/signin.json',
  '!./locales/vi/common.json',
]);

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

let started: Promise<void> | null = null;

/**
 * Start i18next in the chosen language (Vietnamese by default), once: the signed-in app and the
 * printable pages call it as they load, the sign-in screen never does.
 */
export function initI18n(): Promise<void> {
  started ??= start();
  return started;
}

async function start(): Promise<void> {
  await i18next
    .use(initReactI18next)
    // Every other language and namespace is its own chunk, fetched when first needed. The sign-in
    // strings come with the sign-in form; the Vietnamese shell strings with i18next, in its chunk.
    .use(resourcesToBackend((lng: string, ns: string) => lazyLocales[`./locales/${lng}/${ns}.json`]?.()))
    .init({
      resources: { vi: { signin: viSignIn, common: viCommon }, en: { signin: enSignIn } },
      partialBundledLanguages: true,
      ns: ['signin', 'common'],
      defaultNS: 'common',
      fallbackNS: NAMESPACES.filter((n) => n !== 'common'),
      lng: useLanguageStore.getState().language,
      fallbackLng: 'vi',
      supportedLngs: [...LANGUAGES],
      interpolation: { escapeValue: false },
      // Event type names such as `shelter:updated` are keys; ':' must not split off a namespace.
      nsSeparator: false,
      returnNull: false,
    })
    .catch(() => undefined);
  // changeLanguage loads every namespace already in use for the new language before switching.
  followLanguage((lng) => i18next.changeLanguage(lng));
  // Switched on the sign-in screen while i18next was on its way.
  const chosen = useLanguageStore.getState().language;
  if (i18next.language !== chosen) await i18next.changeLanguage(chosen);
  document.documentElement.lang = chosen;
}

/** The BCP 47 locale for dates and numbers in the chosen language. */
export function localeFor(lng: string): string {
  if (lng.startsWith('en')) {
    const nav = typeof navigator !== 'undefined' ? navigator.language : '';
    return nav.startsWith('en') ? nav : 'en-GB';
  }
  return 'vi-VN';
}
