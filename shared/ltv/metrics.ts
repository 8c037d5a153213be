import type { ContactSignal, Exposure, MemberOutcome } from '../incrementality/model.js';

/**
 * Lifetime-value metrics of contact cohorts, pure. A program's member is a contact with an
 * exposure (sent, or held out) in the period; its arm is its first exposure's (a program holds a
 * contact out of all its workflows alike). Every metric counts only what happened after the
 * member's first exposure and before `asOfMs`, and a "within N days" metric only members observed
 * for N days, so young members do not drag a rate down.
 */
export interface LtvMember {
  programId: string | null;
  memberKey: string;
  arm: 'treatment' | 'holdout';
  exposedAt: number;
  /** Clicked (human) or replied at some time after the first exposure. */
  engaged: boolean;
}

export interface LtvMetrics {
  members: number;
  /** Members with at least one order after exposure. */
  customers: number;
  /** Share of customers, observed N days after their first order, who ordered again within N days. */
  repeatRate: Record<30 | 60 | 90, number | null>;
  /** Cumulative revenue per member N days after exposure (members observed N days): the LTV curve. */
  revenueCurve: Record<7 | 14 | 30 | 60 | 90, number | null>;
  /** Orders per member per quarter (91.3 days) of observed time. */
  ordersPerQuarter: number | null;
  /** Revenue per member in the 90 days before asOf (after exposure). */
  revenue90dMinor: number | null;
  /** Members who renewed / members who renewed or churned. */
  renewalRate: number | null;
  /** Members who churned / members. */
  churnRate: number | null;
  /** Expansion revenue per member. */
  expansionPerMemberMinor: number | null;
  observedMemberDays: number;
}

const DAY_MS = 86_400_000;
const QUARTER_DAYS = 365.25 / 4;
export const REPEAT_DAYS = [30, 60, 90] as const;
export const CURVE_DAYS = [7, 14, 30, 60, 90] as const;
/** A revenue-curve point needs this many members whose horizon has passed, else it is null. */
export const MIN_CURVE_MEMBERS = 30;

/** Each contact's first exposure per program in [periodFromMs, asOfMs). */
export function ltvMembers(
  exposures: readonly Exposure[],
  signals: readonly ContactSignal[],
  periodFromMs: number,
  asOfMs: number,
): LtvMember[] {
  const first = new Map<string, Exposure>();
  for (const e of exposures) {
    if (e.at < periodFromMs || e.at >= asOfMs) continue;
    const key = `${e.unit.programId ?? ''}|${e.memberKey}`;
    const prior = first.get(key);
    if (!prior || e.at < prior.at || (e.at === prior.at && e.arm < prior.arm)) first.set(key, e);
  }
  const engagedAt = new Map<string, number[]>();
  for (const s of signals) {
    if (s.kind !== 'engaged' || s.at >= asOfMs) continue;
    const list = engagedAt.get(s.memberKey) ?? [];
    list.push(s.at);
    engagedAt.set(s.memberKey, list);
  }
  return [...first.keys()].sort().map((key) => {
    const e = first.get(key)!;
    return {
      programId: e.unit.programId,
      memberKey: e.memberKey,
      arm: e.arm,
      exposedAt: e.at,
      engaged: (engagedAt.get(e.memberKey) ?? []).some((at) => at >= e.at),
    };
  });
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function ltvMetrics(
  members: readonly LtvMember[],
  outcomesOf: ReadonlyMap<string, readonly MemberOutcome[]>,
  churnsOf: ReadonlyMap<string, readonly number[]>,
  asOfMs: number,
  minCurveMembers: number = MIN_CURVE_MEMBERS,
): LtvMetrics {
  const observed = (sum: number, reached: number): number | null =>
    reached >= Math.max(1, minCurveMembers) ? sum / reached : null;
  let customers = 0;
  let orders = 0;
  let observedDays = 0;
  let revenue90 = 0;
  let renewed = 0;
  let decided = 0;
  let churned = 0;
  let expansion = 0;
  const repeat = { 30: [0, 0], 60: [0, 0], 90: [0, 0] } as Record<30 | 60 | 90, [number, number]>;
  const curve = { 7: [0, 0], 14: [0, 0], 30: [0, 0], 60: [0, 0], 90: [0, 0] } as Record<
    7 | 14 | 30 | 60 | 90,
    [number, number]
  >;
  for (const m of members) {
    const after = (outcomesOf.get(m.memberKey) ?? []).filter((o) => o.at >= m.exposedAt && o.at < asOfMs);
    const orderTimes = after.filter((o) => o.type === 'order').map((o) => o.at);
    observedDays += (asOfMs - m.exposedAt) / DAY_MS;
    orders += orderTimes.length;
    if (orderTimes.length > 0) {
      customers += 1;
      const firstOrder = orderTimes[0]!;
      for (const days of REPEAT_DAYS) {
        if (firstOrder + days * DAY_MS > asOfMs) continue;
        repeat[days][1] += 1;
        if (orderTimes.some((t) => t > firstOrder && t <= firstOrder + days * DAY_MS)) repeat[days][0] += 1;
      }
    }
    const revenueOf = (o: MemberOutcome) =>
      o.type === 'order' || o.type === 'closed_won' || o.type === 'renewal' || o.type === 'expansion'
        ? o.amountMinor
        : 0;
    for (const days of CURVE_DAYS) {
      const end = m.exposedAt + days * DAY_MS;
      if (end > asOfMs) continue;
      curve[days][1] += 1;
      curve[days][0] += after.filter((o) => o.at < end).reduce((sum, o) => sum + revenueOf(o), 0);
    }
    revenue90 += after.filter((o) => o.at >= asOfMs - 90 * DAY_MS).reduce((sum, o) => sum + revenueOf(o), 0);
    const renewal = after.some((o) => o.type === 'renewal');
    const churn = (churnsOf.get(m.memberKey) ?? []).some((at) => at >= m.exposedAt && at < asOfMs);
    if (renewal) renewed += 1;
    if (renewal || churn) decided += 1;
    if (churn) churned += 1;
    expansion += after.filter((o) => o.type === 'expansion').reduce((sum, o) => sum + o.amountMinor, 0);
  }
  const n = members.length;
  return {
    members: n,
    customers,
    repeatRate: {
      30: ratio(...repeat[30]),
      60: ratio(...repeat[60]),
      90: ratio(...repeat[90]),
    },
    // A horizon only the earliest few members have reached says more about them than the cohort.
    revenueCurve: {
      7: observed(...curve[7]),
      14: observed(...curve[14]),
      30: observed(...curve[30]),
      60: observed(...curve[60]),
      90: observed(...curve[90]),
    },
    ordersPerQuarter: observedDays > 0 ? (orders / observedDays) * QUARTER_DAYS : null,
    revenue90dMinor: ratio(revenue90, n),
    renewalRate: ratio(renewed, decided),
    churnRate: ratio(churned, n),
    expansionPerMemberMinor: ratio(expansion, n),
    observedMemberDays: observedDays,
  };
}
