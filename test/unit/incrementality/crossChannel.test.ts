import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTRIBUTION_RULES } from '../../../shared/attribution/rules.js';
import { analyzeHoldouts } from '../../../shared/incrementality/analyze.js';
import { IncrementalityConfigSchema } from '../../../shared/incrementality/config.js';
import { crossChannelRows } from '../../../shared/incrementality/crossChannel.js';
import type {
  ContactSignal,
  Exposure,
  MemberOutcome,
  TestedUnit,
} from '../../../shared/incrementality/model.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-10-01T00:00:00Z');
const unit: TestedUnit = { id: 'nudge', kind: 'flow', programId: 'demo' };
const config = {
  programs: { demo: { holdout: { rate: 0.5, salt: 's' }, workflows: {}, campaigns: {} } },
} as never;
const inc = IncrementalityConfigSchema.parse({ windowDays: 7, bootstrapResamples: 0, minPerArm: 5 });

/**
 * 40 members on day 1: even ones treated (every other one personalized), odd ones held out; the
 * first 30 got an email the day before. Treated members book a meeting when i % 4 === 0 (the
 * personalized ones), held-out ones when i % 10 === 1.
 */
function inputs() {
  const exposures: Exposure[] = [];
  const outcomes: MemberOutcome[] = [];
  const signals: ContactSignal[] = [];
  for (let i = 0; i < 40; i += 1) {
    const memberKey = `m${i}`;
    const arm = i % 2 === 0 ? 'treatment' : 'holdout';
    const at = T0 + DAY;
    exposures.push({
      unit,
      memberKey,
      at,
      arm,
      channel: 'sms',
      variant: i % 4 === 0 ? 'personalized' : 'generic',
    });
    if (i < 30) signals.push({ memberKey, at: T0, kind: 'email' });
    const meeting = arm === 'treatment' ? i % 4 === 0 : i % 10 === 1;
    if (meeting)
      outcomes.push({
        memberKey,
        type: 'meeting_booked',
        at: at + DAY,
        amountMinor: 0,
        profitMinor: 0,
        toStage: null,
      });
  }
  return { exposures, outcomes, signals };
}

describe('Function: crossChannelRows', () => {
  it('compares email+SMS with email-only and personalized with generic, overall and by tier', () => {
    // Prepare
    const facts = inputs();
    const analysis = analyzeHoldouts(facts, {
      dt: '2026-10-31',
      config,
      incrementality: inc,
      windows: DEFAULT_ATTRIBUTION_RULES.windows,
      currency: 'USD',
    });
    const tierOf = new Map(facts.exposures.map((e, i) => [e.memberKey, i < 20 ? 'enterprise' : 'smb']));

    // Act
    const rows = crossChannelRows(
      analysis,
      { tierOf, intentsOf: new Map(), outcomes: facts.outcomes },
      {
        dt: '2026-10-31',
        config,
        incrementality: inc,
        currency: 'USD',
      },
    );

    // Assess
    const emailAll = rows.find(
      (r) =>
        r.comparison === 'email_sms_vs_email_only' &&
        r.segment_by === 'all' &&
        r.primary_outcome === 'meeting_booked',
    )!;
    // Emailed: m0..m29 -> 15 treated (even), 15 held out (odd).
    expect([emailAll.treated, emailAll.holdout]).toEqual([15, 15]);
    // Treated emailed meetings: i in {0,4,...,28} = 8; held-out emailed: i in {1,11,21} = 3.
    expect([emailAll.conversions_treated, emailAll.conversions_holdout]).toEqual([8, 3]);
    expect(emailAll.lift_abs).toBeCloseTo(8 / 15 - 3 / 15, 12);
    expect(emailAll.srm_p_value).not.toBeNull();
    expect(emailAll.verdict).toBe('n/a');
    const variants = rows.find(
      (r) =>
        r.comparison === 'personalized_vs_generic' &&
        r.segment_by === 'all' &&
        r.primary_outcome === 'meeting_booked',
    )!;
    // Treated: 20 even members; personalized i % 4 === 0: 10, generic 10; all personalized met, no generic did.
    expect([
      variants.treated,
      variants.holdout,
      variants.conversions_treated,
      variants.conversions_holdout,
    ]).toEqual([10, 10, 10, 0]);
    expect(variants.srm_p_value).toBeNull();
    const tiers = rows
      .filter(
        (r) =>
          r.comparison === 'email_sms_vs_email_only' &&
          r.segment_by === 'tier' &&
          r.primary_outcome === 'meeting_booked',
      )
      .map((r) => [r.segment, Number(r.treated) + Number(r.holdout)]);
    // Emailed m0..m29: m0..m19 enterprise (20), m20..m29 smb (10).
    expect(tiers).toEqual([
      ['enterprise', 20],
      ['smb', 10],
    ]);
  });
});
