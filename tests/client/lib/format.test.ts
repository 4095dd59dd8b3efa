import { describe, expect, it } from 'vitest';
import { makeFormatters } from '../../../client/src/lib/format.js';

const VN = { timeZone: 'Asia/Ho_Chi_Minh' };
// 16:22 in Hà Nội on 1 December 2026.
const AT = '2026-12-01T09:22:00Z';

describe('formatters (Intl, by interface language)', () => {
  it('Vietnamese: date before time, two-digit day and month, four-digit year', () => {
    const f = makeFormatters('vi', VN);
    expect(f.locale).toBe('vi-VN');
    expect(f.dateTime(AT)).toBe('01/12/2026 16:22');
    expect(f.date(AT)).toBe('01/12/2026');
    expect(f.time(AT)).toBe('16:22');
    expect(f.dateTime('2026-01-05T02:05:00Z')).toBe('05/01/2026 09:05');
  });

  it('Vietnamese: months as `tháng 12/2026`, numbers with a dot for thousands', () => {
    const f = makeFormatters('vi', VN);
    expect(f.month('2026-12')).toBe('tháng 12/2026');
    expect(f.month('2027-01')).toBe('tháng 1/2027');
    expect(f.number(4065)).toBe('4.065');
    expect(f.number(1234567)).toBe('1.234.567');
    expect(f.number(7)).toBe('7');
  });

  it('English: the locale’s own order, month names, comma for thousands', () => {
    const gb = makeFormatters('en', { ...VN, locale: 'en-GB' });
    expect(gb.dateTime(AT)).toBe('01/12/2026 16:22');
    expect(gb.month('2026-12')).toBe('December 2026');
    expect(gb.number(4065)).toBe('4,065');
    const us = makeFormatters('en', { ...VN, locale: 'en-US' });
    expect(us.dateTime(AT)).toBe('12/01/2026 4:22 PM');
    expect(us.month('2027-01')).toBe('January 2027');
  });

  it('English without a browser locale falls back to en-GB', () => {
    const f = makeFormatters('en', VN);
    expect(f.locale.startsWith('en')).toBe(true);
    expect(f.number(4065)).toBe('4,065');
  });

  it('a month is a calendar label: the same in every time zone', () => {
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'])
      expect(makeFormatters('vi', { timeZone }).month('2026-12')).toBe('tháng 12/2026');
  });

  it('a month that is not YYYY-MM is shown as it came', () => {
    expect(makeFormatters('vi', VN).month('2026-1')).toBe('2026-1');
  });

  it('relative times in the language', () => {
    const now = Date.parse(AT);
    expect(makeFormatters('vi', VN).relative('2026-12-01T09:17:00Z', now)).toBe('5 phút trước');
    expect(makeFormatters('en', { ...VN, locale: 'en-GB' }).relative('2026-12-01T07:22:00Z', now)).toBe(
      '2 hours ago',
    );
  });
});
