import { describe, expect, it } from 'vitest';
import { foldDiacritics, parseSms, smsTokens } from '../../../shared/domain/smsGrammar.js';
import { fitsOneSms, smsLength, smsReply, type SmsOutcome } from '../../../shared/domain/smsReplies.js';
import { CHECKLIST_KEYS } from '../../../shared/enums.js';

const EXAMPLE = 'TT 2201 SN 240 HO 63 NUOC thieu DIEN het AT ckkc?kkmkkc?k?';

describe('smsTokens', () => {
  it('folds diacritics (đ too), upper-cases and splits on blanks and commas', () => {
    expect(foldDiacritics('Nước thiếu, Điện hết, đủ')).toBe('Nuoc thieu, Dien het, du');
    expect(smsTokens('  tt  S101,sn 5\n\tNƯỚC  thiếu ')).toEqual(['TT', 'S101', 'SN', '5', 'NUOC', 'THIEU']);
  });
});

describe('parseSms', () => {
  it('reads the example report: occupancy, households, needs and the 14 checklist answers', () => {
    const c = parseSms(EXAMPLE);
    expect(c).toMatchObject({ kind: 'report', lang: 'vi', code: '2201' });
    if (c.kind !== 'report') throw new Error('not a report');
    expect(c.update.occupancy).toBe(240);
    expect(c.update.households).toBe(63);
    expect(c.update.needs).toEqual({ water: 'low', power: 'out' });
    const answers = CHECKLIST_KEYS.map((k) => c.update.checklist![k]);
    expect(answers).toEqual([
      'yes',
      'no',
      'no',
      'yes',
      'unknown',
      'no',
      'no',
      'partial',
      'no',
      'no',
      'yes',
      'unknown',
      'no',
      'unknown',
    ]);
  });

  it('reads the same report written with diacritics and in lower case', () => {
    const withMarks = 'tt 2201 sn 240 hộ 63 nước thiếu điện hết at ckkc?kkmkkc?k?';
    expect(parseSms(withMarks)).toEqual(parseSms(EXAMPLE));
  });

  it('takes English aliases and answers in English', () => {
    const c = parseSms('ST S101 OPEN PPL 12 HH 4 WATER ok FOOD low POWER out MED low SAFE yynnpp??yynnpp');
    expect(c).toMatchObject({
      kind: 'report',
      lang: 'en',
      code: 'S101',
      update: {
        status: 'open',
        occupancy: 12,
        households: 4,
        needs: { water: 'ok', food: 'low', power: 'out', medical: 'low' },
      },
    });
  });

  it('reads a status word in Vietnamese without diacritics (Đầy -> DAY = full)', () => {
    expect(parseSms('TT S101 Đầy')).toMatchObject({ kind: 'report', update: { status: 'full' } });
    expect(parseSms('TT S101 dong')).toMatchObject({ kind: 'report', update: { status: 'closed' } });
  });

  it('answers HD and HELP with help, in their language', () => {
    expect(parseSms('HD')).toEqual({ kind: 'help', lang: 'vi' });
    expect(parseSms(' help ')).toEqual({ kind: 'help', lang: 'en' });
    expect(parseSms('Hướng dẫn'.replace(' ', ''))).toEqual({ kind: 'help', lang: 'vi' });
  });

  it.each([
    ['', { code: 'empty' }],
    ['   ', { code: 'empty' }],
    ['X'.repeat(481), { code: 'too_long' }],
    ['HELLO S101', { code: 'unknown_command', word: 'HELLO' }],
    ['TT', { code: 'missing_code' }],
    ['TT S-1 SN 4', { code: 'missing_code' }],
    ['TT S101', { code: 'nothing_to_report' }],
    ['TT S101 SN', { code: 'missing_value', word: 'SN' }],
    ['TT S101 SN bon', { code: 'bad_number', word: 'SN', value: 'BON' }],
    ['TT S101 SN -4', { code: 'bad_number', word: 'SN', value: '-4' }],
    ['TT S101 SN 4.5', { code: 'bad_number', word: 'SN', value: '4.5' }],
    ['TT S101 SN 99999999', { code: 'bad_number', word: 'SN', value: '99999999' }],
    ['TT S101 HO 1e3', { code: 'bad_number', word: 'HO', value: '1E3' }],
    ['TT S101 NUOC nhieu', { code: 'bad_level', word: 'NUOC', value: 'NHIEU' }],
    ['TT S101 AT ckk', { code: 'bad_checklist', word: 'AT', value: 'CKK' }],
    ['TT S101 AT ckkc?kkmkkc?k?c', { code: 'bad_checklist', word: 'AT' }],
    ['TT S101 AT ckkc?kkmkkc?kx', { code: 'bad_checklist', word: 'AT' }],
    ['TT S101 SN 4 SN 5', { code: 'duplicate', word: 'SN' }],
    ['TT S101 MO DONG', { code: 'duplicate', word: 'DONG' }],
    ['TT S101 NUOC du NUOC het', { code: 'duplicate', word: 'NUOC' }],
    ['TT S101 SN 4 GAO 10', { code: 'unknown_word', word: 'GAO' }],
  ])('refuses %j', (text, error) => {
    expect(parseSms(text)).toMatchObject({ kind: 'error', error });
  });

  it('quotes a bad word back GSM-7-safe and short', () => {
    const c = parseSms('TT S101 SN 4 😀😀😀😀😀😀😀😀😀😀😀');
    expect(c.kind).toBe('error');
    if (c.kind !== 'error' || c.error.code !== 'unknown_word') throw new Error('not an unknown word');
    expect(c.error.word).toMatch(/^[\x20-\x7e]{1,12}$/);
  });
});

describe('smsReply', () => {
  const update = {
    status: 'closing' as const,
    occupancy: 9_999_999,
    households: 9_999_999,
    needs: { water: 'low' as const, food: 'out' as const, power: 'ok' as const, medical: 'low' as const },
    checklist: {},
  };
  const code = 'ABCDEFGHIJKL';
  const outcomes: SmsOutcome[] = [
    { kind: 'help' },
    { kind: 'unknown_sender' },
    { kind: 'unknown_shelter', code },
    { kind: 'not_allowed', code },
    { kind: 'refused', code, field: 'vulnerable.femaleHeadedHouseholds' },
    { kind: 'busy' },
    { kind: 'applied', code, update },
  ];
  const bad = [
    'HELLO',
    'TT',
    'TT S101',
    'TT S101 SN',
    'TT S101 SN 99999999',
    'TT S101 NUOC xxxxxxxxxxxxxxxxxxxxxxxx',
    'TT S101 AT 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀',
    'TT S101 SN 4 SN 5',
    'TT S101 XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    '',
    'X'.repeat(500),
  ];

  it('fits every reply, in both languages and for the longest values, in one GSM-7 SMS', () => {
    const replies = ['vi', 'en'].flatMap((lang) => [
      ...outcomes.map((o) => smsReply(o, lang as 'vi' | 'en')),
      ...bad.map((t) => {
        const c = parseSms(t);
        if (c.kind !== 'error') throw new Error(`${t} parsed`);
        return smsReply({ kind: 'bad_message', error: c.error }, lang as 'vi' | 'en');
      }),
    ]);
    for (const r of replies) {
      expect(smsLength(r).encoding, r).toBe('gsm7');
      expect(fitsOneSms(r), `${r.length}: ${r}`).toBe(true);
    }
  });
});

describe('smsLength', () => {
  it('counts GSM-7 extension characters as two and falls back to UCS-2 for Vietnamese letters', () => {
    expect(smsLength('a{b}')).toEqual({ encoding: 'gsm7', units: 6 });
    expect(smsLength('Nước')).toEqual({ encoding: 'ucs2', units: 4 });
    expect(fitsOneSms('a'.repeat(160))).toBe(true);
    expect(fitsOneSms('a'.repeat(161))).toBe(false);
    expect(fitsOneSms('ư'.repeat(70))).toBe(true);
    expect(fitsOneSms('ư'.repeat(71))).toBe(false);
    expect(fitsOneSms('€'.repeat(81))).toBe(false);
  });
});
