import type { AttributionRules } from './rules.js';

/**
 * Each model gives touch i of the n eligible touches (canonical order) an integer weight
 * `num[i]` and the credit num[i] / den, den = Σ num. Integers keep the split of an amount exact
 * (see allocate.ts) and make the SQL twin a line-for-line copy: every formula is in RULES.md.
 * Weights are written into `num[0..n)`; the return value is `den`.
 */

/** Time-decay weights are quantized to 2^-24 of the newest touch's weight. */
export const TIME_DECAY_SCALE = 16_777_216;

export function firstTouchWeights(n: number, num: Float64Array): number {
  num.fill(0, 0, n);
  num[0] = 1;
  return 1;
}

export function lastTouchWeights(n: number, num: Float64Array): number {
  num.fill(0, 0, n);
  num[n - 1] = 1;
  return 1;
}

export function linearWeights(n: number, num: Float64Array): number {
  num.fill(1, 0, n);
  return n;
}

/**
 * num[i] = max(1, floor(2^24 × 2^(−(newestAt − at[i]) / halfLifeMs) + 0.5)), newestAt = at[n−1].
 * Relative to the newest eligible touch rather than the outcome: the ratio between two touches
 * (what the credit is) is the same, and precision does not vanish when every touch is old.
 */
export function timeDecayWeights(n: number, at: Float64Array, halfLifeMs: number, num: Float64Array): number {
  const newest = at[n - 1]!;
  let den = 0;
  for (let i = 0; i < n; i += 1) {
    const weight = Math.max(1, Math.floor(TIME_DECAY_SCALE * 2 ** (-(newest - at[i]!) / halfLifeMs) + 0.5));
    num[i] = weight;
    den += weight;
  }
  return den;
}

/**
 * 1 touch: [1]/1. 2 touches: [first, last]/(first + last) — 50/50 with 40/20/40.
 * n ≥ 3: first × (n−2), middle each, last × (n−2), over 100 × (n−2).
 */
export function positionBasedWeights(
  n: number,
  percents: AttributionRules['positionBased'],
  num: Float64Array,
): number {
  if (n === 1) {
    num[0] = 1;
    return 1;
  }
  if (n === 2) {
    num[0] = percents.first;
    num[1] = percents.last;
    return percents.first + percents.last;
  }
  const inner = n - 2;
  num.fill(percents.middle, 1, n - 1);
  num[0] = percents.first * inner;
  num[n - 1] = percents.last * inner;
  return 100 * inner;
}

/**
 * Roles: first = touch 0; lead = the last touch at or before the lead-creation time;
 * opportunity = the last touch at or before the opportunity-creation time (a role is absent
 * when its milestone is unknown or no eligible touch is at or before it). A touch holding
 * several roles gets their percents added. With R = Σ percents of the roles present and
 * m = touches holding no role:
 *   m > 0 and others > 0: num = (role percents) × m for role touches, `others` for the rest; den = m × (R + others)
 *   otherwise:            num = role percents (0 for the rest);                              den = R
 * So with all three roles and others present it is exactly 30/30/30 + 10 spread; missing roles
 * leave the present shares in the same proportions, rescaled to 100%.
 */
export function wShapedWeights(
  n: number,
  at: Float64Array,
  milestones: { leadCreatedAt: number | null; opportunityCreatedAt: number | null },
  percents: AttributionRules['wShaped'],
  num: Float64Array,
): number {
  num.fill(0, 0, n);
  num[0] = percents.first;
  let roles = percents.first;
  const lead = lastAtOrBefore(at, n, milestones.leadCreatedAt);
  if (lead >= 0) {
    num[lead]! += percents.lead;
    roles += percents.lead;
  }
  const opportunity = lastAtOrBefore(at, n, milestones.opportunityCreatedAt);
  if (opportunity >= 0) {
    num[opportunity]! += percents.opportunity;
    roles += percents.opportunity;
  }
  let others = 0;
  for (let i = 0; i < n; i += 1) if (num[i] === 0) others += 1;
  if (others === 0 || percents.others === 0) return roles;
  for (let i = 0; i < n; i += 1) num[i] = num[i] === 0 ? percents.others : num[i]! * others;
  return others * (roles + percents.others);
}

function lastAtOrBefore(at: Float64Array, n: number, time: number | null): number {
  if (time === null) return -1;
  let index = n - 1;
  while (index >= 0 && at[index]! > time) index -= 1;
  return index;
}
