/** Outcome of screening free text for identifying numbers. */
export type ScreenResult = { ok: true } | { ok: false; reason: 'phone' | 'id_card'; message: string };

/** Why text is refused, in Vietnamese first then English, so any user understands the refusal. */
export const PII_MESSAGES = {
  phone:
    'Không ghi số điện thoại trong nội dung: có thể làm lộ danh tính nạn nhân. Ghi số tổng đài của cơ quan vào ô liên hệ. / Remove the phone number: free text must not contain phone numbers, which could identify a survivor; put an institution’s contact in its contact field.',
  id_card:
    'Không ghi số CMND/CCCD (9 hoặc 12 chữ số) trong nội dung: có thể làm lộ danh tính. / Remove the ID-card number: free text must not contain 9- or 12-digit ID numbers, which could identify a person.',
} as const;

// A run of digit groups joined by up to three separators (spaces, dots, commas, slashes, dashes,
// underscores; parentheses are turned into spaces first), optionally after a plus sign.
const NUMBER_RUN = /\+?\d+(?:[\s.,/_-]{1,3}\d+)*/g;
// Thousands grouping with dots or commas (1.000.000), read as a quantity rather than an identifier.
const THOUSANDS = /^[1-9]\d{0,2}(?:[.,]\d{3})+$/;
// Dates (7/9/2024, 07.09.2024, 2024-09-07) and times (13:00) stand alone: they are never joined to the
// digits around them, so "ngày 07/09/2024 13:00" is not read as one ten-digit number starting with 0.
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])`;
const MONTH = String.raw`(?:0?[1-9]|1[0-2])`;
const YEAR = String.raw`(?:19|20)\d{2}`;
const DATE_OR_TIME = new RegExp(
  String.raw`(?<![\d.,/_-])(?:${DAY}([./-])${MONTH}\1${YEAR}|${YEAR}-${MONTH}-${DAY}|\d{1,2}:\d{2}(?::\d{2})?)(?![\d])`,
  'g',
);
// A comma, dot or semicolon followed by a space ends a list item or a sentence ("phòng 12, 13"), not a number.
const LIST_BREAK = /[.,;](?=\s)/g;

const DECIMAL_DIGIT = /^\p{Nd}$/u;
const digitValues = new Map<number, number>();
/** The value of a Unicode decimal digit: every \p{Nd} block runs 0 to 9 from a code point after a non-digit. */
function digitValue(cp: number): number {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  let v = digitValues.get(cp);
  if (v === undefined) {
    let start = cp;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
    digitValues.set(cp, (v = (cp - start) % 10));
  }
  return v;
}

/**
 * Text as the screen reads it: compatibility forms folded (fullwidth digits and punctuation), every
 * Unicode decimal digit (Arabic-Indic, Devanagari, ...) written as ASCII, dashes as '-', parentheses as
 * spaces, and dates, times and list breaks marked so they never join the digits next to them.
 */
export function normaliseForScreen(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\p{Nd}/gu, (d) => String(digitValue(d.codePointAt(0)!)))
    .replace(/\p{Pd}/gu, '-')
    .replace(/[()[\]]/g, ' ')
    .replace(DATE_OR_TIME, ' | ')
    .replace(LIST_BREAK, ' |');
}

/** Classify one run of digits: a phone number, an ID-card number, or neither. */
function classify(run: string): 'phone' | 'id_card' | null {
  const digits = run.replace(/\D/g, '');
  const plus = run.startsWith('+');
  if (plus || digits.startsWith('84')) {
    // International form of a Vietnamese number: +84 (or 84) then 9 or 10 digits, the leading 0 dropped.
    if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) return 'phone';
    if (plus && digits.length >= 8) return 'phone';
  }
  // Domestic form: mobiles 0 + 9 digits; landlines 0 + 10 digits.
  if (digits.startsWith('0') && (digits.length === 10 || digits.length === 11)) return 'phone';
  if ((digits.length === 9 || digits.length === 12) && !THOUSANDS.test(run)) return 'id_card';
  return null;
}

/**
 * Screen free text for phone numbers (Vietnamese mobiles and landlines, +84 forms) and ID-card numbers
 * (9 or 12 digits), in any digits and with any common separators between the groups. Dates, times,
 * quantities and ordinary text pass.
 */
export function screenText(text: string): ScreenResult {
  for (const m of normaliseForScreen(text).matchAll(NUMBER_RUN)) {
    const kind = classify(m[0]);
    if (kind) return { ok: false, reason: kind, message: PII_MESSAGES[kind] };
  }
  return { ok: true };
}
