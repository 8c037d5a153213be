import { describe, expect, it } from 'vitest';
import { attribute } from '../../../shared/attribution/attribute.js';
import { DEFAULT_ATTRIBUTION_RULES } from '../../../shared/attribution/rules.js';
import {
  benchAttributionTs,
  syntheticContactAccounts,
  syntheticOutcomes,
  syntheticTouches,
} from '../../bench/attribution.js';
import { referenceAttribute } from './reference.js';

// The bench at toy size: it must keep running and stay deterministic. No timing is asserted.
describe('Bench: benchAttributionTs', () => {
  const sizes = { touches: 4000, seed: 7 };

  it('generates the same synthetic lake for the same seed, and another for another seed', () => {
    expect([...syntheticTouches(sizes)]).toEqual([...syntheticTouches(sizes)]);
    expect(syntheticOutcomes(sizes)).toEqual(syntheticOutcomes(sizes));
    expect(syntheticOutcomes({ ...sizes, seed: 8 })).not.toEqual(syntheticOutcomes(sizes));
  });

  it('reports rows, seconds, rows per second and peak memory', () => {
    const result = benchAttributionTs(sizes);
    expect(result.sizes).toEqual({ touches: 4000, outcomes: 200, contacts: 400, accounts: 40, seed: 7 });
    expect(result.rows.touchesGenerated).toBe(4000);
    expect(result.rows.touchesIndexed + result.rows.skipped.bot + result.rows.skipped.noIdentity).toBe(4000);
    expect(result.rows.creditRows).toBeGreaterThan(0);
    expect(result.rows.influenced).toBeGreaterThan(0);
    // Six models, each summing to 1 per influenced outcome.
    expect(result.rows.creditSum).toBeCloseTo(6 * result.rows.influenced, 6);
    expect(result.peakRssMb).toBeGreaterThan(0);
    expect(Object.keys(result.seconds)).toEqual(['generateRows', 'index', 'attribute', 'flags', 'engine']);
  });

  it('produces, on its synthetic lake, exactly what the plain transcription of the rules produces', () => {
    const touches = [...syntheticTouches({ touches: 1500, seed: 3 })];
    const outcomes = syntheticOutcomes({ touches: 1500, seed: 3 });
    const accounts = syntheticContactAccounts({ touches: 1500, seed: 3 });
    const rows = attribute(outcomes, touches, DEFAULT_ATTRIBUTION_RULES, accounts);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows).toEqual(referenceAttribute(outcomes, touches, DEFAULT_ATTRIBUTION_RULES, accounts));
  });
});
