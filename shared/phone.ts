import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Normalizes a phone number to E.164, or returns undefined when it is not a valid number
 * (short codes and alphanumeric sender ids are not phone numbers).
 */
export function toE164(
  raw: string | undefined | null,
  defaultCountry: CountryCode = 'US',
): string | undefined {
  if (!raw) return undefined;
  const trimmed = raw.trim();
  // Vendors such as Vonage and Plivo send international numbers without the leading '+'.
  const candidate = /^\d{11,15}$/.test(trimmed) ? `+${trimmed}` : trimmed;
  const parsed = parsePhoneNumberFromString(candidate, defaultCountry);
  return parsed?.isValid() ? parsed.number : undefined;
}
