import type { WorkflowGoal } from './config.js';
import type { LiftResult } from './lift.js';
import type { IncrementalRoi } from './roi.js';

/**
 * Does the unit do its job, and what to do with it.
 *
 * Verdict on the declared goal (absolute lift of the primary outcome's conversion rate):
 * - meeting: the lift is surely positive (interval above 0) and its estimate reaches the threshold;
 * - missing: even the interval's upper end stays below the threshold;
 * - undecided: anything else, including too little data.
 *
 * Recommendation from incremental ROI and its interval:
 * - scale: the whole interval is above 0 (it surely pays back more than it costs);
 * - retire: the whole interval is below 0 (it surely costs more than it brings);
 * - keep: the interval straddles 0, or the cost or the lift is not known yet — keep measuring.
 */
export type Verdict = 'meeting' | 'missing' | 'undecided';
export type Recommendation = 'scale' | 'keep' | 'retire';

export interface Judgement {
  verdict: Verdict;
  recommendation: Recommendation;
  /** Why, in words a marketer reads. */
  reason: string;
}

const pct = (x: number) => `${(x * 100).toFixed(2)} pp`;

export function judge(lift: LiftResult, goal: WorkflowGoal, roi: IncrementalRoi): Judgement {
  const c = lift.conversion;
  let verdict: Verdict = 'undecided';
  let why = lift.reason ?? 'too little data';
  if (c) {
    if (c.diffCi.low > 0 && c.diff >= goal.successThreshold) {
      verdict = 'meeting';
      why = `lift ${pct(c.diff)} (CI ${pct(c.diffCi.low)}..${pct(c.diffCi.high)}) reaches the ${pct(goal.successThreshold)} goal`;
    } else if (c.diffCi.high < goal.successThreshold) {
      verdict = 'missing';
      why = `lift at most ${pct(c.diffCi.high)}, below the ${pct(goal.successThreshold)} goal`;
    } else {
      why = `lift ${pct(c.diff)} (CI ${pct(c.diffCi.low)}..${pct(c.diffCi.high)}) cannot yet tell against the ${pct(goal.successThreshold)} goal`;
    }
  }
  if (!roi.roi) {
    const missing =
      roi.programCostMinor === null || roi.programCostMinor <= 0 ? 'no program cost' : 'no profit lift';
    return { verdict, recommendation: 'keep', reason: `${why}; ${missing} to price it yet` };
  }
  const { low, high } = roi.roi.ci;
  const range = `incremental ROI ${roi.roi.value.toFixed(2)} (CI ${low.toFixed(2)}..${high.toFixed(2)})`;
  if (low > 0) return { verdict, recommendation: 'scale', reason: `${why}; ${range} is surely positive` };
  if (high < 0) return { verdict, recommendation: 'retire', reason: `${why}; ${range} is surely negative` };
  return { verdict, recommendation: 'keep', reason: `${why}; ${range} straddles zero` };
}
