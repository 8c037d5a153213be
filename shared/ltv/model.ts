import type { LtvConfig } from './config.js';
import type { LtvMetrics } from './metrics.js';

/**
 * The LTV ROI model (the seeds' formula), treatment vs holdout of one program:
 *
 *   value = reduced churn x gross margin      (churn rate holdout − treatment) x treated x ACV x gross margin
 *         + extra renewals x ACV              (renewal rate treatment − holdout) x treated x ACV
 *         + expansion lift x attach rate      (expansion per member treatment − holdout) x treated x attach rate
 *         + time saved x cost-to-serve        treated x hours saved per member x cost per hour
 *   ltv ROI = (value − program cost) / program cost
 *
 * Every assumption comes from the `ltv` config section and is returned beside the result, so a
 * reader sees which numbers are measured and which are assumed. A term whose measured rate is
 * unknown (no renewals or churn observed) is 0, and says so.
 */
export interface LtvModelResult {
  treated: number;
  terms: {
    reducedChurnMinor: number;
    extraRenewalsMinor: number;
    expansionMinor: number;
    timeSavedMinor: number;
  };
  measured: {
    churnRateTreated: number | null;
    churnRateHoldout: number | null;
    renewalRateTreated: number | null;
    renewalRateHoldout: number | null;
    expansionPerTreatedMinor: number | null;
    expansionPerHoldoutMinor: number | null;
  };
  valueMinor: number;
  programCostMinor: number | null;
  roi: number | null;
  assumptions: LtvConfig;
}

const gap = (a: number | null, b: number | null) => (a === null || b === null ? 0 : a - b);

export function ltvModel(
  treatment: LtvMetrics,
  holdout: LtvMetrics,
  config: LtvConfig,
  programCostMinor: number | null,
): LtvModelResult {
  const n = treatment.members;
  const terms = {
    reducedChurnMinor: gap(holdout.churnRate, treatment.churnRate) * n * config.acvMinor * config.grossMargin,
    extraRenewalsMinor: gap(treatment.renewalRate, holdout.renewalRate) * n * config.acvMinor,
    expansionMinor:
      gap(treatment.expansionPerMemberMinor, holdout.expansionPerMemberMinor) * n * config.attachRate,
    timeSavedMinor: n * config.hoursSavedPerTreatedMember * config.costToServePerHourMinor,
  };
  const valueMinor =
    terms.reducedChurnMinor + terms.extraRenewalsMinor + terms.expansionMinor + terms.timeSavedMinor;
  return {
    treated: n,
    terms,
    measured: {
      churnRateTreated: treatment.churnRate,
      churnRateHoldout: holdout.churnRate,
      renewalRateTreated: treatment.renewalRate,
      renewalRateHoldout: holdout.renewalRate,
      expansionPerTreatedMinor: treatment.expansionPerMemberMinor,
      expansionPerHoldoutMinor: holdout.expansionPerMemberMinor,
    },
    valueMinor,
    programCostMinor,
    roi:
      programCostMinor !== null && programCostMinor > 0
        ? (valueMinor - programCostMinor) / programCostMinor
        : null,
    assumptions: config,
  };
}

/**
 * What one contact is still worth: the configured figure, else 90-day revenue per member x the
 * quarters of its expected lifetime x gross margin; null when neither is known (no margin set).
 */
export function remainingValueMinor(
  config: LtvConfig,
  revenue90dPerMemberMinor: number | null,
): number | null {
  if (config.remainingValueMinor !== undefined) return config.remainingValueMinor;
  if (revenue90dPerMemberMinor === null || config.grossMargin === 0) return null;
  return Math.round(revenue90dPerMemberMinor * (config.expectedLifetimeMonths / 3) * config.grossMargin);
}
