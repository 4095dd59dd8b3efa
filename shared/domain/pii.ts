/** Outcome of screening free text for identifying numbers. */
export type ScreenResult = { ok: true } | { ok: false; reason: 'phone' | 'id_card'; message: string };

/** Why text is refused, in Vietnamese first then English, so any user understands the refusal. */
export const PII_MESSAGES = {
  phone:
    'Không ghi số điện thoại trong nội dung: có thể làm lộ danh tính nạn nhân. Ghi số tổng đài của cơ quan vào ô liên hệ. / Remove the phone number: free text must not contain phone numbers, which could identify a survivor; put an institution’s contact in its contact field.',
  id_card:
    'Không ghi số CMND/CCCD (9 hoặc 12 chữ số) trong nội dung: có thể làm lộ danh tính. / Remove the ID-card number: free text must not contain 9- or 12-digit ID numbers, which could identify a person.',
} as const;

// A run of digits with single spaces, dots or dashes between groups, optionally after a plus sign.
const NUMBER_RUN = /\+?\d+(?:[ .-]\d+)*/g;
// Thousands grouping with dots or commas (1.000.000), read as a quantity rather than an identifier.
const THOUSANDS = /^[1-9]\d{0,2}(?:[.,]\d{3})+$/;

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
 * Screen free text for phone numbers (Vietnamese mobiles and landlines, +84 forms, with spaces,
 * dots or dashes) and ID-card numbers (9 or 12 digits). Dates, quantities and ordinary text pass.
 */
export function screenText(text: string): ScreenResult {
  for (const m of text.normalize('NFKC').matchAll(NUMBER_RUN)) {
    const kind = classify(m[0].replace(/[ .-]+$/, ''));
    if (kind) return { ok: false, reason: kind, message: PII_MESSAGES[kind] };
  }
  return { ok: true };
}
