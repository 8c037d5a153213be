import type { AppConfig } from '../config/programConfig.js';
import { type HoldoutAnalysis, poolByProgram } from './analyze.js';
import type { IncrementalityConfig } from './config.js';
import { computeLift, seedOf } from './lift.js';
import type { CohortMember, MemberOutcome } from './model.js';
import { incrementalRoi } from './roi.js';
import { type LiftRow, type LiftRowContext, liftRow } from './rows.js';
import { unitSettings } from './units.js';

/**
 * Cross-channel cohorts, per program (members pooled over its workflows and campaigns, each
 * contact at its first exposure):
 * - email_sms_vs_email_only: among contacts the email program reached around the exposure, the SMS
 *   treatment (email + SMS) vs the SMS holdout (email only). The SMS holdout is drawn independently
 *   of email, so this is a randomized comparison and its split is tested for SRM.
 * - personalized_vs_generic: among treated contacts, the personalized vs the generic variant (an
 *   observational split unless variants are randomized, so no SRM test).
 * Each is compared on meetings booked and deals won (one row per outcome), with stage velocity
 * (next step, days to it) and influenced revenue per member beside, overall and by the member's
 * stage, account tier and latest detected intent at exposure.
 */
export interface SegmentFacts {
  tierOf: ReadonlyMap<string, string>;
  intentsOf: ReadonlyMap<string, readonly { at: number; intent: string }[]>;
  outcomes: readonly MemberOutcome[];
}

export interface CrossChannelOptions {
  dt: string;
  config: Pick<AppConfig, 'programs'>;
  incrementality: IncrementalityConfig;
  currency: string;
}

const DAY_MS = 86_400_000;

const OUTCOMES = [
  { type: 'meeting_booked' as const, pick: (m: CohortMember) => m.meeting },
  { type: 'closed_won' as const, pick: (m: CohortMember) => m.won },
];

/** The latest value at or before `at` in a time-ordered list. */
function latestBefore<T extends { at: number }>(list: readonly T[] | undefined, at: number): T | undefined {
  let found: T | undefined;
  for (const item of list ?? []) {
    if (item.at > at) break;
    found = item;
  }
  return found;
}

export function crossChannelRows(
  analysis: HoldoutAnalysis,
  facts: SegmentFacts,
  options: CrossChannelOptions,
): LiftRow[] {
  const stagesOf = new Map<string, { at: number; stage: string }[]>();
  for (const o of facts.outcomes) {
    if (!o.toStage) continue;
    const list = stagesOf.get(o.memberKey) ?? [];
    list.push({ at: o.at, stage: o.toStage });
    stagesOf.set(o.memberKey, list);
  }
  for (const list of stagesOf.values()) list.sort((a, b) => a.at - b.at);
  const segmentOf = (by: 'stage' | 'tier' | 'intent', m: CohortMember): string => {
    if (by === 'tier') return facts.tierOf.get(m.memberKey) ?? 'unknown';
    if (by === 'stage') return latestBefore(stagesOf.get(m.memberKey), m.exposedAt)?.stage ?? 'none';
    return latestBefore(facts.intentsOf.get(m.memberKey), m.exposedAt)?.intent ?? 'none';
  };

  // Each program's members at their first exposure (units nobody is held out of left out).
  const pools = poolByProgram(
    analysis.cohorts,
    (unit) => unitSettings(options.config, options.incrementality, unit).holdoutRate > 0,
  );

  const inc = options.incrementality;
  const rows: LiftRow[] = [];
  for (const pool of pools) {
    const { unit, members } = pool;
    const programId = unit.programId ?? '';
    // Pooled units keep their own windows: the row states the longest.
    const windowDays = members.reduce((max, m) => Math.max(max, (m.windowEnd - m.exposedAt) / DAY_MS), 0);
    const holdoutRate = options.config.programs[programId]?.holdout.rate ?? 0;
    const comparisons = [
      {
        name: 'email_sms_vs_email_only' as const,
        members: members.filter((m) => m.emailed),
        // Email+SMS is the treatment arm, email-only the holdout arm: as assigned.
        arm: (m: CohortMember) => m.arm,
        expected: holdoutRate,
        srm: true,
      },
      {
        name: 'personalized_vs_generic' as const,
        members: members.filter(
          (m) => m.arm === 'treatment' && (m.variant === 'personalized' || m.variant === 'generic'),
        ),
        arm: (m: CohortMember) =>
          m.variant === 'personalized' ? ('treatment' as const) : ('holdout' as const),
        expected: 0.5,
        srm: false,
      },
    ];
    for (const comparison of comparisons) {
      if (comparison.members.length === 0) continue;
      for (const segmentBy of ['all', 'stage', 'tier', 'intent'] as const) {
        const groups = new Map<string, CohortMember[]>();
        for (const m of comparison.members) {
          const segment = segmentBy === 'all' ? 'all' : segmentOf(segmentBy, m);
          const list = groups.get(segment) ?? [];
          list.push(m);
          groups.set(segment, list);
        }
        for (const segment of [...groups.keys()].sort()) {
          for (const outcome of OUTCOMES) {
            const cohortMembers = groups.get(segment)!.map((m) => ({
              ...m,
              unit,
              arm: comparison.arm(m),
              converted: outcome.pick(m),
              conversions: outcome.pick(m) ? 1 : 0,
            }));
            const lift = computeLift(
              { unit, members: cohortMembers, crossovers: 0, immature: 0 },
              comparison.expected,
              {
                confidence: inc.confidence,
                minPerArm: inc.minPerArm,
                srmAlpha: inc.srmAlpha,
                bootstrapResamples: 0,
                minBuyersPerArm: inc.minBuyersPerArm,
                seed: seedOf(`${programId}|${comparison.name}|${segment}|${options.dt}`),
                srm: comparison.srm,
              },
            );
            const context: LiftRowContext = {
              dt: options.dt,
              comparison: comparison.name,
              category: null,
              segmentBy,
              segment,
              primaryOutcome: outcome.type,
              windowDays,
              periodFrom: analysis.periodFrom,
              currency: options.currency,
              successThreshold: null,
              roiAttributed: null,
              remainingValueMinor: null,
            };
            const row = liftRow(
              lift,
              incrementalRoi(lift, null),
              {
                verdict: 'n/a',
                recommendation: 'n/a',
                reason: 'a comparison of cohorts: no goal, no verdict',
              },
              context,
            );
            rows.push(row);
          }
        }
      }
    }
  }
  return rows;
}
