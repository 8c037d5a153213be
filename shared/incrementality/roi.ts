import type { Interval } from '../stats/index.js';
import type { LiftResult } from './lift.js';

/**
 * Incremental effect of a unit = per-member lift x treated members: the conversions, revenue and
 * profit that would not have happened without the messages. Incremental ROI puts incremental
 * profit — not attributed revenue — against the program cost:
 *
 *   roi_incremental = (incremental profit − program cost) / program cost
 *
 * Its interval maps the Welch interval of the profit lift through the same formula (the cost is
 * a known amount, so the map is monotone and the interval keeps its coverage).
 */
export interface Estimate {
  value: number;
  ci: Interval;
}

export interface IncrementalRoi {
  conversions: Estimate | null;
  revenueMinor: Estimate | null;
  profitMinor: Estimate | null;
  /** Program cost of the unit (messages, platform, labour…), minor units; null when unknown. */
  programCostMinor: number | null;
  roi: Estimate | null;
}

const scaled = (value: number, ci: Interval, by: number): Estimate => ({
  value: value * by,
  ci: { low: ci.low * by, high: ci.high * by },
});

export function incrementalRoi(lift: LiftResult, programCostMinor: number | null): IncrementalRoi {
  const n = lift.treated;
  const conversions = lift.conversion ? scaled(lift.conversion.diff, lift.conversion.diffCi, n) : null;
  const revenueMinor = lift.revenue.welch ? scaled(lift.revenue.welch.diff, lift.revenue.welch.ci, n) : null;
  const profitMinor = lift.profit.welch ? scaled(lift.profit.welch.diff, lift.profit.welch.ci, n) : null;
  const cost = programCostMinor;
  const roi =
    profitMinor && cost !== null && cost > 0
      ? {
          value: (profitMinor.value - cost) / cost,
          ci: { low: (profitMinor.ci.low - cost) / cost, high: (profitMinor.ci.high - cost) / cost },
        }
      : null;
  return { conversions, revenueMinor, profitMinor, programCostMinor: cost, roi };
}
