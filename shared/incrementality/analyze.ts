import type { OutcomeType } from '../attribution/model.js';
import type { AppConfig } from '../config/programConfig.js';
import { DAY_MS, dayStartMs, utcDay } from '../jobs/days.js';
import { buildCohorts, type UnitCohort, unitKey } from './cohorts.js';
import type { IncrementalityConfig } from './config.js';
import { computeLift, type LiftResult, seedOf, withFalseDiscoveryControl } from './lift.js';
import type { CohortMember, ContactSignal, Exposure, MemberOutcome, TestedUnit } from './model.js';
import { incrementalRoi } from './roi.js';
import { type CohortRow, cohortRow, type LiftRow, liftRow } from './rows.js';
import { unitSettings, windowDaysFor } from './units.js';
import { judge } from './verdict.js';

/**
 * One day's holdout analysis, pure: cohorts per tested unit, their lift, incremental ROI beside
 * attributed ROI, the verdict against each unit's goal, and BH flags across the units. The job
 * reads the inputs from the lake and writes the rows; tests call this directly.
 */
export interface HoldoutInputs {
  exposures: readonly Exposure[];
  outcomes: readonly MemberOutcome[];
  signals: readonly ContactSignal[];
}

/** What the scorecards say a unit cost to date and its attributed ROI. */
export interface UnitCost {
  costMinor: number | null;
  roiAttributed: number | null;
}

export interface AnalyzeOptions {
  dt: string;
  config: Pick<AppConfig, 'programs'>;
  incrementality: IncrementalityConfig;
  /** Attribution windows per outcome type (the default outcome window). */
  windows: Record<OutcomeType, { days: number }>;
  currency: string;
  costOf?: (unit: TestedUnit) => UnitCost | undefined;
  /** Expected remaining value of one contact (prices opt-outs); null when unknown. */
  remainingValueMinor?: number | null;
}

export interface HoldoutAnalysis {
  periodFrom: string;
  cohorts: UnitCohort[];
  lifts: LiftResult[];
  liftRows: LiftRow[];
  cohortRows: CohortRow[];
}

export function analyzeHoldouts(inputs: HoldoutInputs, options: AnalyzeOptions): HoldoutAnalysis {
  const { incrementality: inc } = options;
  const asOfMs = dayStartMs(options.dt) + DAY_MS;
  const periodFromMs = asOfMs - inc.periodDays * DAY_MS;
  const settings = (unit: TestedUnit) => unitSettings(options.config, inc, unit);
  const windowDays = (unit: TestedUnit) => windowDaysFor(inc, options.windows, settings(unit).goal);
  const cohorts = buildCohorts(inputs.exposures, inputs.outcomes, inputs.signals, {
    periodFromMs,
    asOfMs,
    preMs: inc.preDays * DAY_MS,
    windowMs: (unit) => Math.round(windowDays(unit) * DAY_MS),
    primaryOutcome: (unit) => settings(unit).goal.primaryOutcome,
  });
  const lifts = withFalseDiscoveryControl(
    cohorts.map((cohort) =>
      computeLift(cohort, settings(cohort.unit).holdoutRate, {
        confidence: inc.confidence,
        minPerArm: inc.minPerArm,
        srmAlpha: inc.srmAlpha,
        bootstrapResamples: inc.bootstrapResamples,
        minBuyersPerArm: inc.minBuyersPerArm,
        seed: seedOf(`${unitKey(cohort.unit)}|${options.dt}`),
      }),
    ),
    inc.fdrQ,
  );
  const periodFrom = utcDay(periodFromMs);
  const liftRows = lifts.map((lift) => {
    const unit = settings(lift.unit);
    const cost = options.costOf?.(lift.unit);
    const roi = incrementalRoi(lift, cost?.costMinor ?? null);
    return liftRow(lift, roi, judge(lift, unit.goal, roi), {
      dt: options.dt,
      comparison: 'holdout',
      category: unit.category,
      segmentBy: 'all',
      segment: 'all',
      primaryOutcome: unit.goal.primaryOutcome,
      windowDays: windowDays(lift.unit),
      periodFrom,
      currency: options.currency,
      successThreshold: unit.declared ? unit.goal.successThreshold : null,
      roiAttributed: cost?.roiAttributed ?? null,
      remainingValueMinor: options.remainingValueMinor ?? null,
    });
  });
  const programRows = poolByProgram(cohorts, (unit) => settings(unit).holdoutRate > 0).map((pooled) => {
    const rate = options.config.programs[pooled.unit.programId ?? '']?.holdout.rate ?? 0;
    const lift = computeLift(pooled, rate, {
      confidence: inc.confidence,
      minPerArm: inc.minPerArm,
      srmAlpha: inc.srmAlpha,
      bootstrapResamples: inc.bootstrapResamples,
      minBuyersPerArm: inc.minBuyersPerArm,
      seed: seedOf(`${unitKey(pooled.unit)}|${options.dt}`),
    });
    // The program costs what its units cost; unknown when none of them has a cost yet.
    const costs = cohorts
      .filter((c) => c.unit.programId === pooled.unit.programId)
      .map((c) => options.costOf?.(c.unit)?.costMinor ?? null)
      .filter((c): c is number => c !== null);
    const roi = incrementalRoi(lift, costs.length > 0 ? costs.reduce((a, b) => a + b, 0) : null);
    const goal = { primaryOutcome: inc.defaultPrimaryOutcome, successThreshold: 0 };
    return liftRow(lift, roi, judge(lift, goal, roi), {
      dt: options.dt,
      comparison: 'holdout',
      category: null,
      segmentBy: 'all',
      segment: 'all',
      primaryOutcome: 'per_unit',
      windowDays: Math.max(0, ...pooled.members.map((m) => (m.windowEnd - m.exposedAt) / DAY_MS)),
      periodFrom,
      currency: options.currency,
      successThreshold: null,
      roiAttributed: null,
      remainingValueMinor: options.remainingValueMinor ?? null,
    });
  });
  const cohortRows = cohorts.flatMap((c) => c.members.map((m) => cohortRow(m, options.currency)));
  return { periodFrom, cohorts, lifts, liftRows: [...liftRows, ...programRows], cohortRows };
}

/**
 * Each program's units pooled into one cohort: every contact once, at its first exposure in any
 * held-out unit, converted by that unit's own goal. Young holdouts are small per workflow; the
 * program's pooled holdout answers "do this program's messages work at all" sooner. Units nobody
 * is held out of (transactional) are left out: their members were treated whatever their arm.
 */
export function poolByProgram(
  cohorts: readonly UnitCohort[],
  heldOut: (unit: TestedUnit) => boolean,
): UnitCohort[] {
  const programs = new Map<string, { members: Map<string, CohortMember>; arms: Map<string, Set<string>> }>();
  for (const cohort of cohorts) {
    if (!heldOut(cohort.unit)) continue;
    const key = cohort.unit.programId ?? '';
    const entry = programs.get(key) ?? { members: new Map(), arms: new Map() };
    programs.set(key, entry);
    for (const m of cohort.members) {
      const prior = entry.members.get(m.memberKey);
      if (!prior || m.exposedAt < prior.exposedAt) entry.members.set(m.memberKey, m);
      const arms = entry.arms.get(m.memberKey) ?? new Set<string>();
      arms.add(m.arm);
      entry.arms.set(m.memberKey, arms);
    }
  }
  return [...programs.keys()].sort().map((programId) => {
    const { members, arms } = programs.get(programId)!;
    const unit: TestedUnit = { id: '*', kind: 'program', programId: programId || null };
    return {
      unit,
      members: [...members.keys()].sort().map((k) => ({ ...members.get(k)!, unit })),
      crossovers: [...arms.values()].filter((a) => a.size > 1).length,
      immature: 0,
    };
  });
}
