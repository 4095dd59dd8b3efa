import { describe, expect, it } from 'vitest';
import { localTimeText } from '../../../../client/src/lib/forms/localTime.js';

describe('localTimeText: date and time', () => {
  const vi = localTimeText('vi-VN', 'datetime');
  const us = localTimeText('en-US', 'datetime');
  const gb = localTimeText('en-GB', 'datetime');

  it('writes the value day first with a 24 h clock in Vietnamese', () => {
    expect(vi.format('2026-12-01T16:22')).toBe('01/12/2026 16:22');
    expect(vi.pattern).toBe('dd/mm/yyyy hh:mm');
  });

  it('writes it as US English does: month first, 12 h', () => {
    expect(us.format('2026-12-01T16:22')).toBe('12/01/2026 4:22 PM');
    expect(us.pattern).toBe('mm/dd/yyyy hh:mm AM/PM');
    expect(gb.format('2026-12-01T16:22')).toBe('01/12/2026 16:22');
  });

  it('reads back what it writes, and what a person types in that order', () => {
    for (const t of [vi, us, gb]) expect(t.parse(t.format('2026-12-01T16:22'))).toBe('2026-12-01T16:22');
    expect(vi.parse('1/12/2026 9:05')).toBe('2026-12-01T09:05');
    expect(vi.parse(' 01.12.2026 16.22 ')).toBe('2026-12-01T16:22');
    expect(us.parse('12/1/2026 4:22 pm')).toBe('2026-12-01T16:22');
    expect(us.parse('12/1/2026 12:05 AM')).toBe('2026-12-01T00:05');
    expect(us.parse('12/1/2026 16:22')).toBe('2026-12-01T16:22');
  });

  it('gives null for what is not a date of this shape, and "" for nothing', () => {
    expect(vi.parse('')).toBe('');
    expect(vi.parse('  ')).toBe('');
    for (const bad of [
      '31/02/2026 10:00',
      '01/13/2026 10:00',
      '01/12/2026 24:00',
      '01/12/2026',
      '2026-12-01T16:22',
      'soon',
    ])
      expect(vi.parse(bad)).toBeNull();
    expect(us.parse('12/01/2026 13:05 PM')).toBeNull();
  });

  it('writes nothing for an empty or foreign value', () => {
    expect(vi.format('')).toBe('');
    expect(vi.format('2026-12')).toBe('');
  });
});

describe('localTimeText: month', () => {
  const vi = localTimeText('vi-VN', 'month');
  const us = localTimeText('en-US', 'month');

  it('writes and reads mm/yyyy', () => {
    expect(vi.format('2026-12')).toBe('12/2026');
    expect(us.format('2026-09')).toBe('09/2026');
    expect(vi.pattern).toBe('mm/yyyy');
    expect(vi.parse('9/2026')).toBe('2026-09');
    expect(vi.parse('13/2026')).toBeNull();
    expect(vi.parse('2026-12-01T16:22')).toBeNull();
    expect(vi.format('2026-12-01T16:22')).toBe('');
  });
});
