import { useCallback } from 'react';
import en from './locales/en/signin.json' with { type: 'json' };
import vi from './locales/vi/signin.json' with { type: 'json' };
import { useLanguageStore, type Language } from './language.js';

/**
 * The sign-in screen's strings (the `signin` namespace: `app` and `auth`) in both languages, drawn
 * without i18next: i18next and react-i18next (about 17 KB gzip, a third of a second on a 50 KB/s link)
 * come with the signed-in app. The same files are i18next's `signin` namespace, so there is one source.
 */
const TEXT = { vi, en } satisfies Record<Language, typeof vi>;

type Group = keyof typeof vi;
/** A key of the sign-in strings, such as `auth.title`. */
export type SignInKey = { [G in Group]: `${G}.${keyof (typeof vi)[G] & string}` }[Group];

/** One sign-in string, `{{name}}` filled in as i18next does (no escaping: React escapes). */
export function signInText(lng: Language, key: SignInKey, vars?: Record<string, string>): string {
  const [group, name] = key.split('.') as [Group, string];
  const text = (TEXT[lng][group] as Record<string, string>)[name] ?? key;
  return vars ? text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, v: string) => vars[v] ?? '') : text;
}

/** `t()` for the sign-in strings, in the chosen language. */
export function useSignInText(): (key: SignInKey, vars?: Record<string, string>) => string {
  const lng = useLanguageStore((s) => s.language);
  return useCallback((key, vars) => signInText(lng, key, vars), [lng]);
}
