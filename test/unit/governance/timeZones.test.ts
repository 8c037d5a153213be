import { getExampleNumber } from 'libphonenumber-js';
import { parsePhoneNumberFromString as parseMax } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { COUNTRY_TIME_ZONES } from '../../../shared/governance/countryTimeZones.js';
import { isTimeZone } from '../../../shared/governance/localTime.js';
import { NANP_TIME_ZONES } from '../../../shared/governance/nanpTimeZones.js';
import { contactTimeZone, countryForPhone, timeZoneForPhone } from '../../../shared/governance/timeZones.js';

describe('Function: timeZoneForPhone', () => {
  it.each([
    ['+12125550123', 'America/New_York'], // New York City
    ['+14155550123', 'America/Los_Angeles'], // San Francisco
    ['+13125550123', 'America/Chicago'], // Chicago
    ['+13035550123', 'America/Denver'], // Denver
    ['+16025550123', 'America/Phoenix'], // Phoenix, no DST
    ['+19075550123', 'America/Anchorage'], // Alaska
    ['+18085550123', 'Pacific/Honolulu'], // Hawaii
    ['+17095550123', 'America/St_Johns'], // Newfoundland, UTC-3:30
    ['+13065550123', 'America/Regina'], // Saskatchewan, no DST
    ['+17875550123', 'America/Puerto_Rico'],
    ['+14165550123', 'America/Toronto'],
    ['+15145550123', 'America/Toronto'], // Montreal
    ['+16045550123', 'America/Vancouver'],
    ['+14035550123', 'America/Edmonton'],
    ['+12045550123', 'America/Winnipeg'],
    ['+19025550123', 'America/Halifax'],
    ['+19155550123', 'America/Denver'], // El Paso, the Texan exception
    ['+18505550123', 'America/Chicago'], // Florida panhandle
    ['+18765550123', 'America/Jamaica'],
    ['+18095550123', 'America/Santo_Domingo'],
    ['+16715550123', 'Pacific/Guam'],
    ['+19425550123', 'America/Toronto'], // 2025 Toronto overlay
  ])('places NANP number %s by its area code in %s', (phone, zone) => {
    expect(timeZoneForPhone(phone)).toBe(zone);
  });

  it.each([
    ['GB', 'Europe/London'],
    ['FR', 'Europe/Paris'],
    ['DE', 'Europe/Berlin'],
    ['ES', 'Europe/Madrid'],
    ['IT', 'Europe/Rome'],
    ['NL', 'Europe/Amsterdam'],
    ['IE', 'Europe/Dublin'],
    ['IN', 'Asia/Kolkata'],
    ['NP', 'Asia/Kathmandu'],
    ['JP', 'Asia/Tokyo'],
    ['KR', 'Asia/Seoul'],
    ['SG', 'Asia/Singapore'],
    ['NZ', 'Pacific/Auckland'],
    ['ZA', 'Africa/Johannesburg'],
    ['MX', 'America/Mexico_City'],
    ['BR', 'America/Sao_Paulo'],
    ['AU', 'Australia/Sydney'],
  ] as const)('places a %s mobile number in %s', (country, zone) => {
    const phone = getExampleNumber(country, examples)!.number;
    expect(timeZoneForPhone(phone)).toBe(zone);
  });

  it.each([
    ['+18005550123', 'toll-free'],
    ['+15005550006', 'non-geographic 5XX'],
    ['+12735550123', 'Canadian code whose region is not confirmed'],
    ['not a phone', 'garbage'],
    ['', 'empty'],
  ])('says nothing for %s (%s)', (phone) => {
    expect(timeZoneForPhone(phone)).toBeUndefined();
  });
});

describe('Data: NANP and country time zones', () => {
  it('names only zones this runtime knows', () => {
    const zones = new Set([...NANP_TIME_ZONES.values(), ...Object.values(COUNTRY_TIME_ZONES)]);
    expect([...zones].filter((zone) => !isTimeZone(zone))).toEqual([]);
  });

  it('keys NANP entries by valid area codes', () => {
    expect([...NANP_TIME_ZONES.keys()].filter((code) => !/^[2-9]\d\d$/.test(code))).toEqual([]);
    expect(NANP_TIME_ZONES.size).toBeGreaterThan(420);
  });

  it('keys countries by ISO 3166 alpha-2 codes', () => {
    expect(Object.keys(COUNTRY_TIME_ZONES).filter((code) => !/^[A-Z]{2}$/.test(code))).toEqual([]);
  });

  it('has a zone for every geographic area code libphonenumber-js accepts', () => {
    // Prepare: probe each NPA with a few plausible exchanges; the first valid number tells its type.
    const nonGeographic = new Set([
      'TOLL_FREE',
      'PREMIUM_RATE',
      'PERSONAL_NUMBER',
      'VOIP',
      'UAN',
      'SHARED_COST',
    ]);
    const unplaced = new Set(['273']); // Canada, region not confirmed: falls back to the default zone
    const missing: string[] = [];
    for (let npa = 200; npa <= 999; npa += 1) {
      const probe = ['2345678', '5551234', '6781234', '8201234', '9011234', '3121234', '4561234', '7891234']
        .map((rest) => parseMax(`+1${npa}${rest}`))
        .find((parsed) => parsed?.isValid());
      const type = probe?.getType();
      // Act / Assess
      if (
        probe &&
        !nonGeographic.has(type ?? '') &&
        !unplaced.has(String(npa)) &&
        !NANP_TIME_ZONES.has(String(npa))
      ) {
        missing.push(`${npa} (${probe.country})`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('Function: countryForPhone', () => {
  it.each([
    ['+12125550123', 'US'],
    ['+14165550123', 'CA'],
    ['+17875550123', 'PR'],
    ['+33612345678', 'FR'],
  ])('gives the region of %s as %s', (phone, country) => {
    expect(countryForPhone(phone)).toBe(country);
  });

  it('gives undefined for garbage', () => {
    expect(countryForPhone('nope')).toBeUndefined();
  });
});

describe('Function: contactTimeZone', () => {
  it('prefers the zone on the contact profile over the number', () => {
    expect(contactTimeZone('Europe/Paris', '+12125550123', 'UTC')).toBe('Europe/Paris');
  });

  it('ignores a profile zone the runtime does not know and uses the number', () => {
    expect(contactTimeZone('Eastern', '+14155550123', 'UTC')).toBe('America/Los_Angeles');
  });

  it('falls back when neither profile nor number tell', () => {
    expect(contactTimeZone(undefined, '+18005550123', 'America/New_York')).toBe('America/New_York');
    expect(contactTimeZone(undefined, undefined, 'America/Chicago')).toBe('America/Chicago');
  });
});
