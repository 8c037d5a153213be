import { describe, expect, it } from 'vitest';
import { OutcomeSchema, TouchSchema } from '../../../shared/attribution/model.js';
import {
  DAY_MS,
  DEFAULT_ATTRIBUTION_RULES,
  describeRules,
  maxLookbackMs,
  parseAttributionRules,
  selectedModels,
  windowMs,
} from '../../../shared/attribution/rules.js';
import { outcome, touch } from './builders.js';

const RULES = DEFAULT_ATTRIBUTION_RULES;

describe('Config: AttributionRules', () => {
  it('defaults to the windows of the issue: opportunity 30 d, stage change 14 d, won 90 d, order 7 d / send 1 d', () => {
    expect(RULES.version).toBe('rules-2026.1');
    expect(windowMs(RULES, 'opportunity_created', 'send') / DAY_MS).toBe(30);
    expect(windowMs(RULES, 'stage_changed', 'click') / DAY_MS).toBe(14);
    expect(windowMs(RULES, 'closed_won', 'reply') / DAY_MS).toBe(90);
    expect(windowMs(RULES, 'order', 'click') / DAY_MS).toBe(7);
    expect(windowMs(RULES, 'order', 'reply') / DAY_MS).toBe(7);
    expect(windowMs(RULES, 'order', 'send') / DAY_MS).toBe(1);
  });

  it('tells a job how far back to read touches: the longest window', () => {
    expect(maxLookbackMs(RULES)).toBe(90 * DAY_MS);
  });

  it('rounds fractional days to whole milliseconds', () => {
    const rules = parseAttributionRules({ ...RULES, windows: { ...RULES.windows, order: { days: 1 / 3 } } });
    expect(windowMs(rules, 'order', 'send')).toBe(28_800_000);
  });

  it.each([
    ['a version without the rules- prefix', { version: '2026.1' }],
    ['position-based percents not summing to 100', { positionBased: { first: 40, middle: 30, last: 40 } }],
    ['a position-based first share of 0', { positionBased: { first: 0, middle: 60, last: 40 } }],
    [
      'W-shaped percents not summing to 100',
      { wShaped: { first: 30, lead: 30, opportunity: 30, others: 20 } },
    ],
    ['a negative campaign gap', { dedupe: { firstClickPerMessage: true, campaignGapHours: -1 } }],
    ['no models', { models: [] }],
    ['an unknown model', { models: ['u_shaped'] }],
    ['a zero half-life', { timeDecay: { halfLifeDays: 0 } }],
  ])('rejects %s', (_name, change) => {
    expect(() => parseAttributionRules({ ...RULES, ...change })).toThrow();
  });

  it('requires a window for every outcome type', () => {
    const { renewal: _renewal, ...windows } = RULES.windows;
    expect(() => parseAttributionRules({ ...RULES, windows })).toThrow(/renewal/);
  });

  it('lists selected models in canonical order without repeats', () => {
    const rules = parseAttributionRules({ ...RULES, models: ['linear', 'first_touch', 'linear'] });
    expect(selectedModels(rules)).toEqual(['first_touch', 'linear']);
  });

  it('prints the version, every window, the dedupe rules and the model parameters', () => {
    const text = describeRules(RULES);
    expect(text.split('\n')[0]).toBe('Attribution rules rules-2026.1');
    expect(text).toMatch(/order\s+7 d \(send 1 d\)/);
    expect(text).toMatch(/closed_won\s+90 d\n/);
    expect(text).toContain('repeated clicks on one message count once (the first)');
    expect(text).toContain('24 h or more earlier');
    expect(text).toContain('half-life 7 d');
    expect(text).toContain('40/20/40');
    expect(text).toContain('first 30, lead creation 30, opportunity creation 30, others 10');
  });

  it('prints a switched-off campaign dedupe', () => {
    const rules = parseAttributionRules({
      ...RULES,
      dedupe: { firstClickPerMessage: false, campaignGapHours: 0 },
    });
    expect(describeRules(rules)).toContain('Dedupe: no campaign dedupe');
  });
});

describe('Schema: Touch and Outcome', () => {
  it('accepts lake-shaped rows with nulls', () => {
    expect(TouchSchema.parse(touch({ accountId: null, campaignId: null, bot: null })).accountId).toBeNull();
    expect(
      OutcomeSchema.parse(outcome({ amountMinor: null, currency: null, milestones: null })).amountMinor,
    ).toBeNull();
  });

  it('rejects an amount without its currency', () => {
    expect(() => OutcomeSchema.parse(outcome({ currency: null }))).toThrow(/an amount needs its currency/);
  });

  it('rejects a time that is not integer epoch milliseconds', () => {
    expect(() => TouchSchema.parse(touch({ at: 1.5 }))).toThrow();
    expect(() => TouchSchema.parse({ ...touch(), at: '2026-03-01T12:00:00Z' })).toThrow();
  });

  it('rejects an unknown touch kind', () => {
    expect(() => TouchSchema.parse({ ...touch(), kind: 'open' })).toThrow();
  });
});
