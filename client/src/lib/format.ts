import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localeFor } from '../i18n/index.js';

/** Number and date formatters for the interface language and the user's locale, all through Intl. */
export interface Formatters {
  locale: string;
  /** `4.065` in Vietnamese, `4,065` in English. */
  number: (n: number) => string;
  /** Day, month and four-digit year: `01/12/2026`. */
  date: (iso: string) => string;
  /** Date, then time: `01/12/2026 16:22` in Vietnamese, `01/12/2026 16:22` (en-GB) or `12/01/2026 4:22 PM` (en-US). */
  dateTime: (iso: string) => string;
  time: (iso: string) => string;
  /** A `YYYY-MM` month: `tháng 12/2026` in Vietnamese, `December 2026` in English. */
  month: (yearMonth: string) => string;
  relative: (iso: string, now?: number) => string;
}

export interface FormatOptions {
  /** IANA time zone; the device's own when left out (tests pin it). */
  timeZone?: string;
  /** A BCP 47 locale to use instead of the one the language implies. */
  locale?: string;
}

const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

export function makeFormatters(lng: string, opts: FormatOptions = {}): Formatters {
  const locale = opts.locale ?? localeFor(lng);
  const tz = opts.timeZone ? { timeZone: opts.timeZone } : {};
  const vietnamese = locale.startsWith('vi');
  const num = new Intl.NumberFormat(locale);
  const day = new Intl.DateTimeFormat(locale, { ...tz, day: '2-digit', month: '2-digit', year: 'numeric' });
  const tm = new Intl.DateTimeFormat(locale, { ...tz, timeStyle: 'short' });
  // A month is a calendar label, not an instant: formatted at noon UTC of its first day, in UTC.
  const mon = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' });
  const rel = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });

  const month = (ym: string): string => {
    const m = YEAR_MONTH.exec(ym);
    if (!m) return ym;
    const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1, 12));
    if (!vietnamese) return mon.format(at);
    // Intl's Vietnamese long form is `tháng 12 năm 2026`; the usual written form, and the one the
    // month picker shows, is `tháng 12/2026`: Intl's month and year parts joined with a slash.
    const parts = mon.formatToParts(at);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('month')}/${part('year')}`;
  };

  return {
    locale,
    number: (n) => num.format(n),
    date: (iso) => day.format(new Date(iso)),
    // Date first in every language: Intl's own Vietnamese order (`16:22 01/12/2026`) reads oddly in lists.
    dateTime: (iso) => {
      const d = new Date(iso);
      return `${day.format(d)} ${tm.format(d)}`;
    },
    time: (iso) => tm.format(new Date(iso)),
    month,
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
