/**
 * A date and time, or a month, as a person reads and types it in the interface language, and the
 * value the forms have always held: `YYYY-MM-DDTHH:mm` (local time, as a `datetime-local` input
 * gives it) or `YYYY-MM`. Chromium draws its native date inputs in the browser's own locale whatever
 * the page's `lang` says, so a Vietnamese user would read `12/01/2026, 04:22 PM`.
 */
export type LocalTimeKind = 'datetime' | 'month';

export interface LocalTimeText {
  /** The field's text for a value (`01/12/2026 16:22` in vi-VN); '' for '' or a value it cannot read. */
  format: (value: string) => string;
  /** The value for what was typed; '' for nothing typed; null when it is not a date of this shape. */
  parse: (text: string) => string | null;
  /** The shape to type: `dd/mm/yyyy hh:mm`, `mm/dd/yyyy hh:mm AM/PM`, `mm/yyyy`. */
  pattern: string;
}

type Part = 'day' | 'month' | 'year';

const VALUE = /^(\d{4})-(\d{2})(?:-(\d{2})T(\d{2}):(\d{2}))?$/;
const pad = (n: number) => String(n).padStart(2, '0');
const TOKEN: Record<Part, string> = { day: 'dd', month: 'mm', year: 'yyyy' };

/** The text and value of a `kind` field in `locale`, with Intl's order of day, month and year and its hour cycle. */
export function localTimeText(locale: string, kind: LocalTimeKind): LocalTimeText {
  const day = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' });
  const tm = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const h12 = tm.resolvedOptions().hourCycle?.startsWith('h1') ?? false;
  const probe = day.formatToParts(new Date(2026, 11, 1));
  const order = probe
    .map((p) => p.type)
    .filter((t): t is Part => t === 'day' || t === 'month' || t === 'year')
    .filter((t) => kind === 'datetime' || t !== 'day');
  const sep = probe.find((p) => p.type === 'literal')?.value ?? '/';
  const pattern =
    order.map((p) => TOKEN[p]).join(sep) + (kind === 'datetime' ? ` hh:mm${h12 ? ' AM/PM' : ''}` : '');

  const format = (value: string): string => {
    const m = VALUE.exec(value);
    if (!m || (kind === 'datetime') !== (m[3] !== undefined)) return '';
    const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
    if (kind === 'month') return order.map((p) => (p === 'year' ? String(y) : pad(mo))).join(sep);
    const at = new Date(y, mo - 1, d, h, mi);
    // A plain space where Intl puts a narrow one (`4:22\u202fPM`), so the text is easy to edit.
    return `${day.format(at)} ${tm.format(at)}`.replace(/\s/g, ' ');
  };

  // Any run of non-digits separates the numbers, so `01.12.2026 16.22` from a phone's number pad is read too.
  const shape =
    kind === 'datetime'
      ? /^\s*(\d{1,4})\D+(\d{1,2})\D+(\d{1,4})[\s,]+(\d{1,2})\D(\d{2})\s*([ap])?\.?\s*m?\.?\s*$/i
      : /^\s*(\d{1,4})\D+(\d{1,4})\s*$/;
  const parse = (text: string): string | null => {
    if (text.trim() === '') return '';
    const m = shape.exec(text);
    if (!m) return null;
    const got: Partial<Record<Part, number>> = {};
    order.forEach((p, i) => (got[p] = Number(m[i + 1])));
    const { year = 0, month = 0, day: d = 1 } = got;
    if (year < 1000 || month < 1 || month > 12) return null;
    if (kind === 'month') return `${year}-${pad(month)}`;
    if (d < 1 || d > new Date(year, month, 0).getDate()) return null;
    let hour = Number(m[4]);
    const minute = Number(m[5]);
    const half = m[6]?.toLowerCase();
    if (half) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (half === 'p' ? 12 : 0);
    }
    if (hour > 23 || minute > 59) return null;
    return `${year}-${pad(month)}-${pad(d)}T${pad(hour)}:${pad(minute)}`;
  };

  return { format, parse, pattern };
}
