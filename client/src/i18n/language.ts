import { create } from 'zustand';

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

/**
 * The chosen language, without i18next: the sign-in screen draws from it (i18n/signInText.ts) before
 * i18next has loaded, and i18next starts in it when the signed-in app loads.
 */
export const useLanguageStore = create<{ language: Language }>()(() => ({ language: storedLanguage() }));

let follower: ((lng: Language) => Promise<unknown>) | null = null;

/** Called once i18next is up: from then on a switch waits for it (its strings for the new language). */
export function followLanguage(follow: (lng: Language) => Promise<unknown>): void {
  follower = follow;
}

/** Switch language and remember it on this device. */
export async function setLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not remembered, still switched.
  }
  // Once i18next is up, the switch shows when its strings for the new language have come, as a whole.
  if (follower) await follower(lng);
  useLanguageStore.setState({ language: lng });
  document.documentElement.lang = lng;
}
