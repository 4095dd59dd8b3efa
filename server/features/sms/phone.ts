import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A phone number in E.164 (`+84912345678`), or null when it is not a valid number. Numbers
 * without a country code are read as Vietnamese (`0912 345 678`), as gateways and admins write them.
 */
export function toE164(raw: string): string | null {
  const n = parsePhoneNumberFromString(raw.trim(), 'VN');
  return n?.isValid() ? n.number : null;
}
