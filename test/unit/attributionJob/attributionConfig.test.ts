import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AttributionConfigSchema,
  configuredRules,
  DEFAULT_ATTRIBUTION_CONFIG,
} from '../../../shared/attribution/job/attributionConfig.js';
import { DEFAULT_ATTRIBUTION_RULES } from '../../../shared/attribution/rules.js';
import { ConfigError, parseConfig } from '../../../shared/config/programConfig.js';

const EXAMPLE = JSON.parse(readFileSync(new URL('../../../config/example.json', import.meta.url), 'utf8'));

describe('Schema: AttributionConfigSchema', () => {
  it('defaults to the Lambda engine, the default rules, no rates and 3 late days', () => {
    expect(DEFAULT_ATTRIBUTION_CONFIG).toEqual({ engine: 'lambda', lateArrivalDays: 3 });
    expect(configuredRules(DEFAULT_ATTRIBUTION_CONFIG)).toEqual(DEFAULT_ATTRIBUTION_RULES);
    expect(configuredRules(undefined)).toEqual(DEFAULT_ATTRIBUTION_RULES);
  });

  it('merges windows per outcome type and replaces other sections whole', () => {
    const config = AttributionConfigSchema.parse({
      engine: 'athena',
      rules: {
        version: 'rules-2026.2',
        windows: { order: { days: 3, sendDays: 0.5 } },
        timeDecay: { halfLifeDays: 3 },
      },
      currencyRates: { base: 'USD', rates: { EUR: 1.08 } },
    });

    const rules = configuredRules(config);

    expect(config.engine).toBe('athena');
    expect(rules.version).toBe('rules-2026.2');
    expect(rules.windows.order).toEqual({ days: 3, sendDays: 0.5 });
    expect(rules.windows.closed_won).toEqual(DEFAULT_ATTRIBUTION_RULES.windows.closed_won);
    expect(rules.timeDecay).toEqual({ halfLifeDays: 3 });
    expect(rules.wShaped).toEqual(DEFAULT_ATTRIBUTION_RULES.wShaped);
  });

  it('refuses changed rules that keep the default version', () => {
    const result = AttributionConfigSchema.safeParse({
      rules: { version: DEFAULT_ATTRIBUTION_RULES.version, timeDecay: { halfLifeDays: 3 } },
    });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['rules', 'version'] });
    expect(result.error?.issues[0]?.message).toContain('give them a new version');
  });

  it('accepts the default version when the rules are the defaults', () => {
    expect(
      AttributionConfigSchema.safeParse({ rules: { version: DEFAULT_ATTRIBUTION_RULES.version } }).success,
    ).toBe(true);
  });

  it.each([
    [
      'position-based percents that do not sum to 100',
      { positionBased: { first: 50, middle: 20, last: 40 } },
      'positionBased',
    ],
    ['a zero window', { windows: { order: { days: 0 } } }, 'windows'],
    ['an unknown engine', { engine: 'spark' }, 'engine'],
    ['a version that is not rules-YYYY.N', { version: 'v2' }, 'version'],
  ])('refuses %s', (_label, change, path) => {
    const { engine, ...rules } = change as Record<string, unknown>;
    const input = engine ? { engine } : { rules: { version: 'rules-2026.3', ...rules } };

    const result = AttributionConfigSchema.safeParse(input);

    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues.map((issue) => issue.path))).toContain(path);
  });
});

describe('Function: parseConfig with an attribution section', () => {
  it('leaves the section out when the file has none', () => {
    expect(parseConfig(EXAMPLE).attribution).toBeUndefined();
  });

  it('reads the section, and names the path of a bad one', () => {
    expect(parseConfig({ ...EXAMPLE, attribution: { engine: 'athena' } }).attribution?.engine).toBe('athena');
    expect(() => parseConfig({ ...EXAMPLE, attribution: { lateArrivalDays: -1 } })).toThrow(ConfigError);
    expect(() => parseConfig({ ...EXAMPLE, attribution: { lateArrivalDays: -1 } })).toThrow(
      /attribution\.lateArrivalDays/,
    );
  });
});
