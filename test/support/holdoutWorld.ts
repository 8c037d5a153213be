import { DEFAULT_ATTRIBUTION_RULES } from '../../shared/attribution/rules.js';
import { isHeldOut } from '../../shared/governance/holdout.js';
import { analyzeHoldouts, type HoldoutInputs } from '../../shared/incrementality/analyze.js';
import { IncrementalityConfigSchema } from '../../shared/incrementality/config.js';
import type {
  ContactSignal,
  Exposure,
  MemberOutcome,
  TestedUnit,
} from '../../shared/incrementality/model.js';
import { drawLognormal, seededRandom } from '../../shared/stats/index.js';

/**
 * A small seeded world with a planted lift, for the holdout truth tests (a stand-in for
 * shared/sim while that grows): contacts of one program get a first exposure to one flow; the
 * SYSTEM's holdout assignment (shared/governance/holdout.ts, hashed contact keys) decides the arm;
 * a treated contact orders within the window with probability base + lift, a held-out one with
 * probability base. Order values scale with a per-contact value that also drives pre-period
 * revenue, so CUPED has a covariate to use.
 */
export interface HoldoutWorldOptions {
  seed: number;
  contacts: number;
  holdoutRate: number;
  /** Holdout conversion probability within the window. */
  baseRate: number;
  /** Planted absolute lift of the conversion probability. */
  lift: number;
  /** First exposure day (UTC) and the days over which exposures spread. */
  start: string;
  days: number;
  windowDays: number;
  /** Probability of a pre-period order (0: no CUPED covariate). */
  preOrderRate?: number;
  /** Sigma of the per-contact value (log scale): heavier tails with more. */
  valueSigma?: number;
  /** Profit share of an order (its margin). */
  margin?: number;
}

export interface HoldoutWorld {
  unit: TestedUnit;
  inputs: HoldoutInputs;
  truth: {
    conversionLift: number;
    /** Expected revenue per member, treated minus holdout: lift x mean order value. */
    revenueLiftMinor: number;
    treated: number;
    holdout: number;
  };
  /** Order margins by outcome id, for the lake writer. */
  margins: Map<string, number>;
  outcomeIds: string[];
}

const DAY_MS = 86_400_000;
/** Mean order value of a contact with value 1: 5000 minor units (USD 50). */
const ORDER_SCALE = 5000;
const NOISE_SIGMA = 0.3;

export function holdoutWorld(options: HoldoutWorldOptions): HoldoutWorld {
  const random = seededRandom(options.seed);
  const unit: TestedUnit = { id: 'win-back', kind: 'flow', programId: 'world' };
  const holdout = { rate: options.holdoutRate, salt: `world-${options.seed}` };
  const startMs = Date.parse(`${options.start}T00:00:00Z`);
  const sigma = options.valueSigma ?? 0.5;
  const margin = options.margin ?? 0.4;
  const exposures: Exposure[] = [];
  const outcomes: MemberOutcome[] = [];
  const signals: ContactSignal[] = [];
  const margins = new Map<string, number>();
  const outcomeIds: string[] = [];
  let treated = 0;
  let held = 0;
  const order = (memberKey: string, at: number, value: number) => {
    const amount = Math.max(
      1,
      Math.round(value * ORDER_SCALE * drawLognormal(random, -(NOISE_SIGMA ** 2) / 2, NOISE_SIGMA)),
    );
    const profit = Math.round(amount * margin);
    outcomeIds.push(`evt_${options.seed}_${outcomes.length}`);
    margins.set(outcomeIds[outcomeIds.length - 1]!, profit);
    outcomes.push({ memberKey, type: 'order', at, amountMinor: amount, profitMinor: profit, toStage: null });
  };
  for (let i = 0; i < options.contacts; i += 1) {
    const memberKey = `c${options.seed}-${i}`;
    const arm = isHeldOut(holdout, memberKey) ? 'holdout' : 'treatment';
    if (arm === 'holdout') held += 1;
    else treated += 1;
    // Whole minutes keep timestamps exact through Parquet's millisecond columns.
    const at = startMs + Math.floor(random() * options.days * 1440) * 60_000;
    exposures.push({ unit, memberKey, at, arm, channel: 'sms', variant: i % 2 ? 'personalized' : 'generic' });
    // Mean-one contact value (lognormal with mu = -sigma²/2).
    const value = drawLognormal(random, -(sigma ** 2) / 2, sigma);
    if (random() < (options.preOrderRate ?? 0))
      order(memberKey, at - (1 + Math.floor(random() * 20)) * DAY_MS, value);
    const p = options.baseRate + (arm === 'treatment' ? options.lift : 0);
    if (random() < p)
      order(memberKey, at + Math.floor(random() * (options.windowDays * 1440 - 1)) * 60_000, value);
    if (arm === 'treatment' && random() < 0.01) signals.push({ memberKey, at: at + DAY_MS, kind: 'opt_out' });
  }
  return {
    unit,
    inputs: { exposures, outcomes, signals },
    // E[order value] = ORDER_SCALE x E[value] x E[noise] = ORDER_SCALE x 1 x 1.
    truth: {
      conversionLift: options.lift,
      revenueLiftMinor: options.lift * ORDER_SCALE,
      treated,
      holdout: held,
    },
    margins,
    outcomeIds,
  };
}

/** A world through the holdouts core as of `dt` (windows closed), bootstrap off unless asked. */
export function analyzeWorld(
  options: HoldoutWorldOptions,
  config: Record<string, unknown> = {},
  dt = '2026-10-31',
) {
  const world = holdoutWorld(options);
  const analysis = analyzeHoldouts(world.inputs, {
    dt,
    config: {
      programs: {
        world: {
          holdout: { rate: options.holdoutRate, salt: `world-${options.seed}` },
          workflows: {},
          campaigns: {},
        },
      },
    } as never,
    incrementality: IncrementalityConfigSchema.parse({
      windowDays: options.windowDays,
      bootstrapResamples: 0,
      ...config,
    }),
    windows: DEFAULT_ATTRIBUTION_RULES.windows,
    currency: 'USD',
  });
  // Lake rows are typed loosely (unknown per column): the numeric view the truth tests read.
  const row = analysis.liftRows[0] as unknown as Record<string, number | null> & {
    status: string;
    srm_mismatch: boolean | null;
  };
  return { world, row, analysis };
}
