import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../../client/src/i18n/index.js';
import { LANGUAGES, setLanguage, useLanguageStore } from '../../../client/src/i18n/language.js';
import { signInText, type SignInKey } from '../../../client/src/i18n/signInText.js';

const LOCALES = path.resolve(import.meta.dirname, '..', '..', '..', 'client', 'src', 'i18n', 'locales');
type Tree = { [k: string]: string | Tree };
const signin = (lng: string) =>
  JSON.parse(readFileSync(path.join(LOCALES, lng, 'signin.json'), 'utf8')) as Record<string, Tree>;
const keys = Object.entries(signin('vi')).flatMap(([g, v]) =>
  Object.keys(v).map((k) => `${g}.${k}` as SignInKey),
);

describe('the sign-in strings without i18next', () => {
  beforeAll(() => {
    (globalThis as { document?: unknown }).document = { documentElement: { lang: '' } };
  });
  afterAll(() => {
    delete (globalThis as { document?: unknown }).document;
  });

  it('switches language before i18next is loaded, and i18next starts in that language', async () => {
    expect(useLanguageStore.getState().language).toBe('vi');
    expect(i18next.isInitialized).toBeFalsy();
    await setLanguage('en');
    expect(useLanguageStore.getState().language).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(signInText('en', 'auth.title')).toBe(signin('en').auth!.title);

    await initI18n();
    expect(i18next.language).toBe('en');
    expect(i18next.t('auth.title')).toBe(signin('en').auth!.title);
  });

  it('draws every sign-in string as i18next does, in both languages', async () => {
    await initI18n();
    expect(keys.length).toBeGreaterThan(20);
    for (const lng of LANGUAGES) {
      const t = i18next.getFixedT(lng);
      for (const key of keys) {
        const vars = { message: 'HTTP 503', name: 'Lan', org: 'UNFPA' };
        expect(signInText(lng, key, vars), `${lng} ${key}`).toBe(t(key, vars));
      }
    }
    expect(signInText('en', 'auth.failed', { message: 'HTTP 503' })).toBe('Sign-in failed (HTTP 503).');
  });

  it('once i18next is up, a switch waits for its strings, then the sign-in strings follow', async () => {
    await initI18n();
    const switched = setLanguage('vi');
    expect(useLanguageStore.getState().language).toBe('en');
    await switched;
    expect(i18next.language).toBe('vi');
    expect(useLanguageStore.getState().language).toBe('vi');
    expect(document.documentElement.lang).toBe('vi');
  });
});
