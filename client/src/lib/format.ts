import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localeFor } from '../i18n/index.js';

/** Number and date formatters for the interface language and the user's locale. */
export interface Formatters {
  locale: string;
  number: (n: number) => string;
  dateTime: (iso: string) => string;
  time: (iso: string) => string;
  relative: (iso: string, now?: number) => string;
}

export function makeFormatters(lng: string): Formatters {
  const locale = localeFor(lng);
  const num = new Intl.NumberFormat(locale);
  const dt = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const tm = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const rel = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    locale,
    number: (n) => num.format(n),
    dateTime: (iso) => dt.format(new Date(iso)),
    time: (iso) => tm.format(new Date(iso)),
    relative: (iso, now = Date.now()) => {
      const minutes = Math.round((Date.parse(iso) - now) / 60_000);
      if (Math.abs(minutes) < 60) return rel.format(minutes, 'minute');
      const hours = Math.round(minutes / 60);
      if (Math.abs(hours) < 48) return rel.format(hours, 'hour');
      return rel.format(Math.round(hours / 24), 'day');
    },
  };
}

/** Formatters that follow the language switcher. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => makeFormatters(i18n.language), [i18n.language]);
}
