import { describe, expect, it } from 'vitest';
import { requireApiKey } from '../../../shared/http/apiKey.js';
import { BadRequestError, UnauthorizedError } from '../../../shared/http/errors.js';
import { timelineKey } from '../../../shared/timeline/contactTimeline.js';

describe('Function: timelineKey', () => {
  it.each([
    ['+14155550100', '+14155550100'],
    [' 14155550100', '+14155550100'], // '+' decoded as a space from an unencoded query string
    ['(415) 555-0100', '+14155550100'],
  ])('reads phone %j as %s', (phone, expected) => {
    expect(timelineKey({ phone })).toEqual({ phone: expected });
  });

  it('reads a contact id', () => {
    expect(timelineKey({ contactId: 'hubspot:contact:1' })).toEqual({ contactId: 'hubspot:contact:1' });
  });

  it.each([[{ phone: '12' }], [{}]])('refuses %j', (query) => {
    expect(() => timelineKey(query)).toThrow(BadRequestError);
  });
});

describe('Function: requireApiKey', () => {
  it('accepts the configured key and refuses a wrong, missing or unconfigured one', () => {
    expect(() => requireApiKey({ 'x-api-key': 'k1' }, { API_KEY: 'k1' })).not.toThrow();
    expect(() => requireApiKey({ 'x-api-key': 'k2' }, { API_KEY: 'k1' })).toThrow(UnauthorizedError);
    expect(() => requireApiKey({}, { API_KEY: 'k1' })).toThrow(UnauthorizedError);
    expect(() => requireApiKey({ 'x-api-key': '' }, {})).toThrow(UnauthorizedError);
  });
});
