import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTRIBUTION_RULES } from '../../../shared/attribution/rules.js';
import { analyzeHoldouts } from '../../../shared/incrementality/analyze.js';
import { IncrementalityConfigSchema } from '../../../shared/incrementality/config.js';
import type { Exposure, MemberOutcome } from '../../../shared/incrementality/model.js';
import { generateWorld, plantedEffect, simulateOutcomes } from '../../../shared/sim/index.js';

/**
 * The holdouts core on H-sim's pure world (shared/sim): every journey of the demo catalog, the
 * send gate's own holdout assignment, planted lifts per journey. Each journey's 95% interval
 * should contain its planted lift (the mean planted effect over the members measured) about 95%
 * of the time across journeys and seeds.
 */
const START = '2026-10-01';
const DAYS = 30;
// The world ends at the start of day 30 (2026-10-31): as of 2026-10-30 every closed window is in it.
const DT = '2026-10-30';

function analyzeSimWorld(seed: number) {
  const world = generateWorld({ seed, contacts: 20_000, days: DAYS, start: START });
  const { outcomes } = simulateOutcomes(world);
  const journeys = new Map(world.journeys.map((j) => [j.id, j]));
  const exposures: Exposure[] = [];
  const memberOutcomes: MemberOutcome[] = [];
  for (const o of outcomes) {
    if (o.arm === 'none') continue;
    const contact = world.contacts[o.contactIndex]!;
    const journey = journeys.get(o.journeyId)!;
    exposures.push({
      unit: { id: journey.id, kind: journey.kind, programId: journey.programId },
      memberKey: contact.contactId,
      at: contact.steps[0]!.at,
      arm: o.arm === 'treated' ? 'treatment' : 'holdout',
      channel: 'sms',
      variant: contact.variant,
    });
    if (o.realized) {
      const type = journey.outcome;
      memberOutcomes.push({
        memberKey: contact.contactId,
        type,
        at: o.at,
        amountMinor: o.revenueMinor,
        profitMinor: o.marginMinor,
        toStage: null,
      });
    }
    for (const prior of contact.priorOrders) {
      memberOutcomes.push({
        memberKey: contact.contactId,
        type: 'order',
        at: prior.at,
        amountMinor: prior.revenueMinor,
        profitMinor: prior.marginMinor,
        toStage: null,
      });
    }
  }
  // Config as the demo's: each journey declares its outcome and window as its goal.
  const programs: Record<string, { holdout: unknown; workflows: object; campaigns: object }> = {};
  for (const j of world.journeys) {
    const program = programs[j.programId] ?? {
      holdout: world.holdouts[j.programId],
      workflows: {},
      campaigns: {},
    };
    programs[j.programId] = program;
    const goal = { primaryOutcome: j.outcome, successThreshold: 0.01, windowDays: j.windowDays };
    (j.kind === 'flow' ? program.workflows : program.campaigns)[j.id as never] = {
      category: j.category,
      goal,
    } as never;
  }
  const analysis = analyzeHoldouts(
    { exposures, outcomes: memberOutcomes, signals: [] },
    {
      dt: DT,
      config: { programs } as never,
      incrementality: IncrementalityConfigSchema.parse({ bootstrapResamples: 0, preDays: 120 }),
      windows: DEFAULT_ATTRIBUTION_RULES.windows,
      currency: 'USD',
    },
  );
  const contactOf = new Map(world.contacts.map((c) => [c.contactId, c]));
  return analysis.cohorts.map((cohort, i) => {
    const journey = journeys.get(cohort.unit.id)!;
    // The estimand: the mean planted effect over the members measured (variants scale it).
    const truth =
      cohort.members.reduce((sum, m) => sum + plantedEffect(journey, contactOf.get(m.memberKey)!), 0) /
      Math.max(1, cohort.members.length);
    return { id: journey.id, truth, row: analysis.liftRows[i] as unknown as Record<string, number | null> };
  });
}

describe('Holdout lift on the simulated demo world (shared/sim)', () => {
  it('contains each journey’s planted lift in its 95% interval about 95% of the time', () => {
    const results = [11, 12, 13].flatMap(analyzeSimWorld).filter((r) => r.row.lift_abs !== null);
    const misses = results.filter(
      (r) => !(r.row.lift_abs_ci_low! <= r.truth && r.truth <= r.row.lift_abs_ci_high!),
    );
    // 3 worlds x the journeys with enough data (~9 each): Binomial(≈27, 0.05) misses, mean ≈ 1.4,
    // P(X ≥ 6) ≈ 0.003.
    expect(results.length).toBeGreaterThanOrEqual(20);
    expect(misses.map((m) => m.id).length).toBeLessThanOrEqual(5);
  });
});
