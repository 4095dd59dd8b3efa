import { CHECKLIST_KEYS, type ChecklistAnswer, type ShelterStatus } from '../enums.js';
import { LIMITS } from '../limits.js';
import type { Checklist, Needs } from '../schemas/shelters.js';

/**
 * The SMS report grammar (SPEC 7, issue 10): written for a basic phone, so no diacritics are needed
 * (but they are accepted), Vietnamese keywords with English aliases, one report per message:
 *
 *   TT <shelter code> [status] [SN n] [HO n] [NUOC|AN|DIEN|THUOC du|thieu|het] [AT 14 answers]
 *   HD  (help)
 *
 * e.g. `TT S101 MO SN 240 HO 63 NUOC thieu DIEN het AT ckkc?kkmkkc?k?`. Checklist answers, in the
 * checklist's order: c/y yes, k/n no, m/p partial, ? unknown.
 */

/** The language a reply is written in: the one the sender's command word was in. */
export type SmsLang = 'vi' | 'en';

/** What a report changes (the fields of an ordinary shelter update). */
export interface SmsUpdate {
  status?: ShelterStatus;
  occupancy?: number;
  households?: number;
  needs?: Partial<Needs>;
  checklist?: Partial<Checklist>;
}

/** Why a message could not be read; `word` is the (folded) word at fault. */
export type SmsError =
  | { code: 'empty' | 'too_long' | 'missing_code' | 'nothing_to_report' }
  | { code: 'unknown_command' | 'unknown_word' | 'missing_value' | 'duplicate'; word: string }
  | { code: 'bad_number' | 'bad_level' | 'bad_checklist'; word: string; value: string };

/** A parsed message. */
export type SmsCommand =
  | { kind: 'help'; lang: SmsLang }
  | { kind: 'report'; lang: SmsLang; code: string; update: SmsUpdate }
  | { kind: 'error'; lang: SmsLang; error: SmsError };

/** Longest message read (a concatenated SMS of three parts). */
export const SMS_TEXT_MAX = 480;

/** Text without diacritics (NFD, combining marks removed, đ -> d), so `NƯỚC thiếu` reads as `NUOC thieu`. */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** The words of a message: folded, upper case, split on blanks and commas. */
export function smsTokens(text: string): string[] {
  return foldDiacritics(text)
    .toUpperCase()
    .split(/[\s,;]+/u)
    .filter((w) => w.length > 0);
}

const HELP = new Map<string, SmsLang>([
  ['HD', 'vi'],
  ['HUONGDAN', 'vi'],
  ['HELP', 'en'],
  ['?', 'en'],
]);
const REPORT = new Map<string, SmsLang>([
  ['TT', 'vi'],
  ['ST', 'en'],
  ['STATUS', 'en'],
]);
const STATUS_WORDS = new Map<string, ShelterStatus>([
  ['CHO', 'standby'],
  ['STANDBY', 'standby'],
  ['MO', 'open'],
  ['OPEN', 'open'],
  ['DAY', 'full'],
  ['FULL', 'full'],
  ['SAPDONG', 'closing'],
  ['CLOSING', 'closing'],
  ['DONG', 'closed'],
  ['CLOSED', 'closed'],
  ['HONG', 'damaged'],
  ['DAMAGED', 'damaged'],
]);
const COUNT_WORDS = new Map<string, 'occupancy' | 'households'>([
  ['SN', 'occupancy'],
  ['PPL', 'occupancy'],
  ['PEOPLE', 'occupancy'],
  ['HO', 'households'],
  ['HH', 'households'],
]);
const NEED_WORDS = new Map<string, keyof Needs>([
  ['NUOC', 'water'],
  ['WATER', 'water'],
  ['AN', 'food'],
  ['FOOD', 'food'],
  ['DIEN', 'power'],
  ['POWER', 'power'],
  ['THUOC', 'medical'],
  ['YTE', 'medical'],
  ['MED', 'medical'],
]);
const LEVEL_WORDS = new Map<string, Needs['water']>([
  ['DU', 'ok'],
  ['OK', 'ok'],
  ['THIEU', 'low'],
  ['LOW', 'low'],
  ['HET', 'out'],
  ['OUT', 'out'],
]);
const CHECKLIST_WORDS = new Set(['AT', 'SAFE']);
const ANSWERS: Record<string, ChecklistAnswer> = {
  C: 'yes',
  Y: 'yes',
  K: 'no',
  N: 'no',
  M: 'partial',
  P: 'partial',
  '?': 'unknown',
};
const CODE_RE = /^[A-Z0-9]{2,12}$/;
// Words quoted back in a reply: short and GSM-7-safe, so the reply still fits one SMS.
const quoted = (w: string, max = 12) => w.slice(0, max).replace(/[^\x20-\x7e]/gu, '?');

/** Read one message. Pure: the same text always gives the same command. */
export function parseSms(text: string): SmsCommand {
  const words = smsTokens(text);
  const first = words[0];
  const lang: SmsLang = first && (HELP.get(first) ?? REPORT.get(first)) === 'en' ? 'en' : 'vi';
  const fail = (error: SmsError): SmsCommand => ({ kind: 'error', lang, error });
  if (text.length > SMS_TEXT_MAX) return fail({ code: 'too_long' });
  if (!first) return fail({ code: 'empty' });
  if (HELP.has(first)) return { kind: 'help', lang };
  if (!REPORT.has(first)) return fail({ code: 'unknown_command', word: quoted(first) });
  const code = words[1];
  if (!code || !CODE_RE.test(code)) return fail({ code: 'missing_code' });

  const update: SmsUpdate = {};
  const seen = new Set<string>();
  const once = (field: string) => {
    if (seen.has(field)) return false;
    seen.add(field);
    return true;
  };
  for (let i = 2; i < words.length; i++) {
    const w = words[i]!;
    const short = quoted(w);
    const status = STATUS_WORDS.get(w);
    if (status) {
      if (!once('status')) return fail({ code: 'duplicate', word: short });
      update.status = status;
      continue;
    }
    const value = words[i + 1];
    const count = COUNT_WORDS.get(w);
    const need = NEED_WORDS.get(w);
    const isChecklist = CHECKLIST_WORDS.has(w);
    if (!count && !need && !isChecklist) return fail({ code: 'unknown_word', word: short });
    if (!once(count ?? need ?? 'checklist')) return fail({ code: 'duplicate', word: short });
    if (value === undefined) return fail({ code: 'missing_value', word: short });
    i++;
    const shortValue = quoted(value, 16);
    if (count) {
      const n = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
      if (!(n <= LIMITS.personsMax)) return fail({ code: 'bad_number', word: short, value: shortValue });
      update[count] = n;
    } else if (need) {
      const level = LEVEL_WORDS.get(value);
      if (!level) return fail({ code: 'bad_level', word: short, value: shortValue });
      update.needs = { ...update.needs, [need]: level };
    } else {
      const answers = [...value].map((ch) => ANSWERS[ch]);
      if (answers.length !== CHECKLIST_KEYS.length || answers.some((a) => a === undefined))
        return fail({ code: 'bad_checklist', word: short, value: shortValue });
      update.checklist = Object.fromEntries(CHECKLIST_KEYS.map((k, j) => [k, answers[j]!]));
    }
  }
  if (!seen.size) return fail({ code: 'nothing_to_report' });
  return { kind: 'report', lang, code, update };
}
