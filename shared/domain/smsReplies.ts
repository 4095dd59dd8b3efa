import type { SmsError, SmsLang, SmsUpdate } from './smsGrammar.js';

/** What became of a message, as the reply tells it. */
export type SmsOutcome =
  | { kind: 'help' }
  | { kind: 'bad_message'; error: SmsError }
  | { kind: 'unknown_sender' }
  | { kind: 'unknown_shelter'; code: string }
  | { kind: 'not_allowed'; code: string }
  | { kind: 'refused'; code: string; field: string }
  | { kind: 'busy' }
  | { kind: 'applied'; code: string; update: SmsUpdate };

// Replies are plain ASCII (no diacritics), so every one is GSM-7 and fits 160 characters.
const HELP: Record<SmsLang, string> = {
  vi: 'Bao cao: TT <ma> [MO|DAY|DONG] SN <nguoi> HO <ho> NUOC|AN|DIEN|THUOC du|thieu|het AT <14 ky tu c/k/m/?>. VD: TT S101 SN 240 HO 63 NUOC thieu',
  en: 'Report: ST <code> [OPEN|FULL|CLOSED] PPL <n> HH <n> WATER|FOOD|POWER|MED ok|low|out SAFE <14 of y/n/p/?>. E.g. ST S101 PPL 240 HH 63 WATER low',
};

function errorText(e: SmsError, lang: SmsLang): string {
  const vi = lang === 'vi';
  switch (e.code) {
    case 'empty':
      return vi ? 'Tin trong. Gui HD de xem cach bao cao.' : 'Empty message. Send HELP for the format.';
    case 'too_long':
      return vi ? 'Tin qua dai. Gui HD de xem cach bao cao.' : 'Message too long. Send HELP for the format.';
    case 'missing_code':
      return vi
        ? 'Thieu ma diem so tan sau TT. VD: TT S101 SN 240'
        : 'Shelter code missing after ST. E.g. ST S101 PPL 240';
    case 'nothing_to_report':
      return vi
        ? 'Khong co gi de cap nhat. VD: TT S101 SN 240 HO 63'
        : 'Nothing to update. E.g. ST S101 PPL 240 HH 63';
    case 'unknown_command':
      return vi
        ? `Khong hieu "${e.word}". Tin bat dau bang TT (bao cao) hoac HD (huong dan).`
        : `"${e.word}" not understood. Start with ST (report) or HELP.`;
    case 'unknown_word':
      return vi
        ? `Khong hieu "${e.word}". Gui HD de xem cach bao cao.`
        : `"${e.word}" not understood. Send HELP.`;
    case 'missing_value':
      return vi ? `Thieu gia tri sau ${e.word}.` : `Value missing after ${e.word}.`;
    case 'duplicate':
      return vi ? `${e.word} co hai lan; chi gui mot lan.` : `${e.word} given twice; send it once.`;
    case 'bad_number':
      return vi
        ? `${e.word} can mot so, khong phai "${e.value}".`
        : `${e.word} needs a number, not "${e.value}".`;
    case 'bad_level':
      return vi
        ? `${e.word} can du, thieu hoac het, khong phai "${e.value}".`
        : `${e.word} needs ok, low or out, not "${e.value}".`;
    case 'bad_checklist':
      return vi
        ? `${e.word} can dung 14 ky tu c/k/m/? (co/khong/mot phan/chua ro).`
        : `${e.word} needs exactly 14 of y/n/p/? (yes/no/partial/unknown).`;
  }
}

function summary(u: SmsUpdate, lang: SmsLang): string {
  const vi = lang === 'vi';
  const parts: string[] = [];
  if (u.status) parts.push(u.status.toUpperCase());
  if (u.occupancy !== undefined) parts.push(`${vi ? 'SN' : 'PPL'} ${u.occupancy}`);
  if (u.households !== undefined) parts.push(`${vi ? 'HO' : 'HH'} ${u.households}`);
  const needs = Object.keys(u.needs ?? {}).length;
  if (needs) parts.push(vi ? `${needs} nhu cau` : `${needs} needs`);
  if (u.checklist) parts.push(vi ? 'AT 14 muc' : 'SAFE 14 items');
  return parts.join(', ');
}

/** The reply SMS for an outcome, in the sender's language; always one SMS (see `fitsOneSms`). */
export function smsReply(o: SmsOutcome, lang: SmsLang): string {
  const vi = lang === 'vi';
  switch (o.kind) {
    case 'help':
      return HELP[lang];
    case 'bad_message':
      return errorText(o.error, lang);
    case 'unknown_sender':
      return vi
        ? 'So dien thoai nay chua dang ky. Xin lien he quan tri vien. Khong co gi thay doi.'
        : 'This number is not registered. Please contact your administrator. Nothing was changed.';
    case 'unknown_shelter':
      return vi
        ? `Khong tim thay diem so tan ${o.code.slice(0, 12)}. Khong co gi thay doi.`
        : `No shelter with code ${o.code.slice(0, 12)}. Nothing was changed.`;
    case 'not_allowed':
      return vi
        ? `Xin loi, ban khong duoc cap nhat ${o.code.slice(0, 12)}. Khong co gi thay doi.`
        : `Sorry, you may not update ${o.code.slice(0, 12)}. Nothing was changed.`;
    case 'refused':
      return vi
        ? `Chua luu ${o.code.slice(0, 12)}: ${o.field.slice(0, 40)} khong hop le.`
        : `${o.code.slice(0, 12)} not saved: ${o.field.slice(0, 40)} is not valid.`;
    case 'busy':
      return vi
        ? 'He thong ban, xin gui lai sau it phut.'
        : 'System busy, please send again in a few minutes.';
    case 'applied':
      return vi
        ? `Da luu ${o.code.slice(0, 12)}: ${summary(o.update, lang)}. Cam on!`
        : `Saved ${o.code.slice(0, 12)}: ${summary(o.update, lang)}. Thank you!`;
  }
}

// The GSM 03.38 basic character set; the extension table's characters take two septets.
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXT = '^{}\\[~]|€\f';

/** How a text is sent: GSM-7 septets (extension characters count two) or UCS-2 code units. */
export function smsLength(text: string): { encoding: 'gsm7' | 'ucs2'; units: number } {
  let septets = 0;
  for (const ch of text) {
    if (GSM7_BASIC.includes(ch)) septets += 1;
    else if (GSM7_EXT.includes(ch)) septets += 2;
    else return { encoding: 'ucs2', units: text.length };
  }
  return { encoding: 'gsm7', units: septets };
}

/** True when the text goes as one SMS: 160 GSM-7 characters or 70 UCS-2 ones. */
export function fitsOneSms(text: string): boolean {
  const { encoding, units } = smsLength(text);
  return units <= (encoding === 'gsm7' ? 160 : 70);
}
