import { describe, expect, it } from 'vitest';
import {
  type ClickIntent,
  ClickIntentConfigSchema,
  clickIntent,
  DEFAULT_CLICK_INTENT_CONFIG,
} from '../../../shared/intent/highIntentClicks.js';

describe('Function: clickIntent', () => {
  describe('with the default config', () => {
    it.each<[string, ClickIntent | undefined]>([
      ['https://shop.example.com/pricing', 'pricing'],
      ['https://shop.example.com/pricing/', 'pricing'],
      ['https://shop.example.com/Pricing?utm_source=sms#teams', 'pricing'],
      ['https://shop.example.com/pricing/teams', 'pricing'],
      ['https://shop.example.com/pricing.html', 'pricing'],
      ['https://www.example.com/en/pricing', 'pricing'],
      ['https://www.example.com/es/precios', 'pricing'],
      ['http://example.com/plans', 'pricing'],
      ['https://calendly.com/acme-sales/30min', 'meeting_request'],
      ['https://acme.chilipiper.com/book/demo', 'meeting_request'],
      ['https://meetings.hubspot.com/dana', 'meeting_request'],
      ['https://app.hubspot.com/meetings/dana/intro', 'meeting_request'],
      ['https://example.com/book-a-demo', 'meeting_request'],
      ['https://example.com/agendar', 'meeting_request'],
      ['https://example.com/', undefined],
      ['https://example.com/products/pricing-guide', undefined],
      ['https://example.com/blog/our-pricing', undefined],
      ['https://example.com/?page=pricing', undefined],
      ['https://notcalendly.com/acme', undefined],
      ['https://calendly.com.evil.example/acme', undefined],
      ['https://app.hubspot.com/contacts/1', undefined],
    ])('%s -> %s', (destination, expected) => {
      expect(clickIntent(destination)).toBe(expected);
    });
  });

  it('treats booking as stronger than pricing when both match', () => {
    const config = { pricingPaths: ['/sales'], bookingPaths: ['/sales/book'] };
    expect(clickIntent('https://example.com/sales/book', config)).toBe('meeting_request');
    expect(clickIntent('https://example.com/sales/plans', config)).toBe('pricing');
  });

  it('matches configured host, host + path and wildcard segment patterns', () => {
    // Prepare
    const config = ClickIntentConfigSchema.parse({
      pricingPaths: ['shop.acme.com/plans', '/*/tarifs'],
      bookingPaths: ['*.youcanbook.me', 'acme.com/talk-to-sales'],
    });

    // Act + Assess
    expect(clickIntent('https://shop.acme.com/plans/pro', config)).toBe('pricing');
    expect(clickIntent('https://other.com/plans', config)).toBeUndefined();
    expect(clickIntent('https://acme.com/fr/tarifs', config)).toBe('pricing');
    expect(clickIntent('https://acme.com/tarifs', config)).toBeUndefined();
    expect(clickIntent('https://acme-sales.youcanbook.me/', config)).toBe('meeting_request');
    expect(clickIntent('https://www.acme.com/talk-to-sales', config)).toBe('meeting_request');
    expect(clickIntent('https://evil.com/talk-to-sales', config)).toBeUndefined();
    expect(clickIntent('https://shop.example.com/pricing', config)).toBeUndefined();
  });

  it('reads a destination written without a scheme as https', () => {
    expect(clickIntent('calendly.com/acme')).toBe('meeting_request');
    expect(clickIntent('example.com/pricing')).toBe('pricing');
  });

  it.each([
    '',
    'not a url',
    'javascript:alert(1)//pricing',
    'mailto:sales@example.com',
    'ftp://example.com/pricing',
    '/pricing',
  ])('signals nothing for %j', (destination) => {
    expect(clickIntent(destination)).toBeUndefined();
  });

  it('decodes percent-escapes in the path, and keeps a malformed one as written', () => {
    expect(clickIntent('https://example.com/%70ricing')).toBe('pricing');
    expect(clickIntent('https://example.com/%E0%A4%A/pricing')).toBe('pricing'); // "/*/pricing"
    expect(clickIntent('https://example.com/%E0%A4%A')).toBeUndefined();
  });

  it('has defaults that the schema accepts', () => {
    expect(ClickIntentConfigSchema.parse(DEFAULT_CLICK_INTENT_CONFIG)).toEqual(DEFAULT_CLICK_INTENT_CONFIG);
  });
});
