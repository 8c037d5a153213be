import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTRIBUTION_RULES } from '../../../shared/attribution/rules.js';
import { analyzeHoldouts } from '../../../shared/incrementality/analyze.js';
import { IncrementalityConfigSchema } from '../../../shared/incrementality/config.js';
import { analyzeWorld, type HoldoutWorldOptions, holdoutWorld } from '../../support/holdoutWorld.js';

/**
 * Truth tests: on seeded worlds with a planted lift, the holdout job's core recovers it with the
 * coverage its 95% intervals promise. The long run (2000 worlds) is `npm run verify:lift`.
 */
const WORLD: Omit<HoldoutWorldOptions, 'seed'> = {
  contacts: 2000,
  holdoutRate: 0.1,
  baseRate: 0.08,
  lift: 0.03,
  start: '2026-10-01',
  days: 20,
  windowDays: 7,
};
const DT = '2026-10-31';

const covers = (row: Record<string, unknown>, low: string, high: string, truth: number) =>
  (row[low] as number) <= truth && truth <= (row[high] as number);

describe('Holdout lift on simulated worlds', () => {
  it('recovers the planted lift on a large world: the 95% interval contains it', () => {
    // 20k contacts, 10% held out: ~2000 in the holdout. Any one seed misses with probability 5%
    // (seed 1 does: its holdout converted 2.2 sd above its rate); coverage is the test below.
    const { world, row } = analyzeWorld({ ...WORLD, seed: 2, contacts: 20_000 });
    expect(row.status).toBe('ok');
    expect(row.treated! + row.holdout!).toBe(20_000);
    expect(covers(row, 'lift_abs_ci_low', 'lift_abs_ci_high', world.truth.conversionLift)).toBe(true);
    expect(covers(row, 'revenue_lift_ci_low', 'revenue_lift_ci_high', world.truth.revenueLiftMinor)).toBe(
      true,
    );
    expect(row.srm_mismatch).toBe(false);
  });

  it('covers the planted lift in about 95% of 400 seeded worlds', () => {
    // 400 worlds: coverage ~ Binomial(400, 0.95)/400 with sd √(0.95·0.05/400) = 1.09 pp; the band
    // 95 ± 3.3 sd = [91.4%, 98.6%] fails a correct interval with probability ≈ 0.001. Small worlds
    // (600 contacts, half held out: ~300 per arm, ~30 and ~45 conversions) keep it to seconds.
    const worlds = 400;
    let conversion = 0;
    let revenue = 0;
    for (let seed = 1000; seed < 1000 + worlds; seed += 1) {
      const { world, row } = analyzeWorld({
        ...WORLD,
        seed,
        contacts: 600,
        holdoutRate: 0.5,
        baseRate: 0.1,
        lift: 0.05,
      });
      if (covers(row, 'lift_abs_ci_low', 'lift_abs_ci_high', world.truth.conversionLift)) conversion += 1;
      if (covers(row, 'revenue_lift_ci_low', 'revenue_lift_ci_high', world.truth.revenueLiftMinor))
        revenue += 1;
    }
    expect(conversion / worlds).toBeGreaterThanOrEqual(0.914);
    expect(conversion / worlds).toBeLessThanOrEqual(0.986);
    expect(revenue / worlds).toBeGreaterThanOrEqual(0.914);
    expect(revenue / worlds).toBeLessThanOrEqual(0.986);
  });

  it('narrows the revenue interval with CUPED when pre-period revenue correlates', () => {
    const { row } = analyzeWorld({ ...WORLD, seed: 7, contacts: 10_000, preOrderRate: 1, valueSigma: 1 });
    const plain = row.revenue_lift_ci_high! - row.revenue_lift_ci_low!;
    const adjusted = row.revenue_cuped_ci_high! - row.revenue_cuped_ci_low!;
    expect(row.cuped_variance_reduction!).toBeGreaterThan(0.05);
    // Width scales with the residual sd: √(1 − reduction) of the plain width, up to the arms' mix.
    expect(adjusted).toBeLessThan(plain);
    expect(adjusted / plain).toBeCloseTo(Math.sqrt(1 - row.cuped_variance_reduction!), 1);
  });

  it('flags a sample ratio mismatch when holdout exposures go missing, not on the fair split', () => {
    const fair = analyzeWorld({ ...WORLD, seed: 3, contacts: 20_000 });
    expect(fair.row.srm_mismatch).toBe(false);
    // Lose a third of the ghost exposures (a logging bug): ~2000 -> ~1333 held out of ~19 333,
    // expected 10% ≈ 1933: chi-square ≈ 600²/1933 + 600²/17 400 ≈ 207, far past p 0.001.
    const world = holdoutWorld({ ...WORLD, seed: 3, contacts: 20_000 });
    let n = 0;
    const exposures = world.inputs.exposures.filter((e) => e.arm === 'treatment' || n++ % 3 !== 0);
    const broken = analyzeHoldouts(
      { ...world.inputs, exposures },
      {
        dt: DT,
        config: {
          programs: { world: { holdout: { rate: 0.1, salt: 'x' }, workflows: {}, campaigns: {} } },
        } as never,
        incrementality: IncrementalityConfigSchema.parse({ windowDays: 7, bootstrapResamples: 0 }),
        windows: DEFAULT_ATTRIBUTION_RULES.windows,
        currency: 'USD',
      },
    );
    expect(broken.liftRows[0]!.srm_mismatch).toBe(true);
    expect(broken.liftRows[0]!.srm_p_value as number).toBeLessThan(0.001);
  });
});
