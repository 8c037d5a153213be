import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { COUNTRY_TIME_ZONES } from './countryTimeZones.js';
import { isTimeZone } from './localTime.js';
import { NANP_TIME_ZONES } from './nanpTimeZones.js';

/** The region (ISO 3166 alpha-2) of an E.164 number, e.g. `US`, `CA`, `PR`, `GB`; undefined when unknown. */
export function countryForPhone(e164: string): string | undefined {
  return parsePhoneNumberFromString(e164)?.country;
}

/**
 * The IANA time zone a phone number most likely rings in: by area code inside the NANP (+1
 * spans the US, Canada and the Caribbean, six mainland zones), else by country. Undefined
 * when the number says nothing reliable (an unknown or non-geographic area code, a toll-free
 * number, an unparseable string): the caller then falls back to a configured default.
 */
export function timeZoneForPhone(e164: string): string | undefined {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return undefined;
  if (parsed.countryCallingCode === '1') return NANP_TIME_ZONES.get(parsed.nationalNumber.slice(0, 3));
  return parsed.country ? COUNTRY_TIME_ZONES[parsed.country] : undefined;
}

/**
 * The time zone to apply to a contact: the one on their profile (explicit beats inferred),
 * else the one their number implies, else `fallback` (the config's `defaultTimeZone`).
 * A profile value this runtime does not know is ignored rather than trusted.
 */
export function contactTimeZone(
  profileTimeZone: string | undefined,
  phone: string | undefined,
  fallback: string,
): string {
  if (profileTimeZone && isTimeZone(profileTimeZone)) return profileTimeZone;
  return (phone ? timeZoneForPhone(phone) : undefined) ?? fallback;
}
