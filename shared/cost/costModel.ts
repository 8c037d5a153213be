import { minorUnitDigits } from '../attribution/currency.js';
import type { AppConfig } from '../config/programConfig.js';
import type { CostsConfig } from './costConfig.js';

/**
 * The program cost of each message, pure: what the vendor charged for it, plus its share of the
 * month's platform, tooling and labor cost. Every component is a per-message amount, so the cost
 * of any group of messages (a campaign, a step, a send hour) is the sum over its messages and
 * all groupings add up to the same total.
 *
 * - Message fee: the vendor's own price (price_micros) when it reported one in the fee currency;
 *   otherwise segments x the per-segment fee of the destination country (fees.smsPerSegmentMicros,
 *   `DEFAULT` when the country has none), or for an MMS the per-message fee
 *   (fees.mmsPerMessageMicros). The segment count is the one the send record carries (the gate
 *   counts GSM-7/UCS-2 segments of the body, shared/messaging/segments.ts, and vendors report
 *   theirs); the lake never holds bodies, so a record without a count is priced as one segment,
 *   the minimum any SMS is billed. Emails cost nothing per message here (their platform is tooling).
 * - Platform and tooling: the monthly amount / days in that month, per UTC day, split over that
 *   day's messages (all programs) equally: allocation by message volume.
 * - Labor: hours x rate per program per month, per day likewise, split over that program's
 *   messages of the day.
 * A day without messages leaves its overhead unallocated (reported apart, never hidden in a rate).
 */

/** Fees as the config holds them: FeesSchema's section. */
export type FeesConfig = AppConfig['fees'];

export const MICROS_PER_UNIT = 1_000_000;

export interface PricedMessage {
  channel: 'sms' | 'email';
  /** Billable SMS segments from the send record; null when it has none. */
  segments: number | null;
  /** The vendor's price in millionths of `priceCurrency`, when reported. */
  priceMicros: number | null;
  priceCurrency: string | null;
  /** An MMS is billed per message, not per segment. */
  mms?: boolean;
  /** ISO 3166 alpha-2 destination; @default costs.smsCountry */
  country?: string;
}

export interface MessageFee {
  micros: number;
  /** vendor: the price the vendor reported; configured: segments (or MMS) x the configured fee. */
  source: 'vendor' | 'configured' | 'none';
  segments: number;
}

const feeFor = (table: Record<string, number>, country: string): number =>
  table[country] ?? table.DEFAULT ?? 0;

/** The per-message fee of one message, in micros of fees.currency. */
export function messageFee(message: PricedMessage, fees: FeesConfig, costs: CostsConfig): MessageFee {
  if (message.channel !== 'sms') return { micros: 0, source: 'none', segments: 0 };
  const segments = message.segments && message.segments > 0 ? message.segments : 1;
  if (message.priceMicros !== null && message.priceCurrency === fees.currency) {
    return { micros: Math.abs(message.priceMicros), source: 'vendor', segments };
  }
  const country = message.country ?? costs.smsCountry;
  if (message.mms)
    return { micros: feeFor(fees.mmsPerMessageMicros, country), source: 'configured', segments };
  return { micros: segments * feeFor(fees.smsPerSegmentMicros, country), source: 'configured', segments };
}

/** Minor units of `currency` as micros (USD: 1 cent = 10,000 micros). */
export const minorToMicros = (minor: number, currency: string): number =>
  (minor * MICROS_PER_UNIT) / 10 ** minorUnitDigits(currency);

/** Micros as minor units, rounded half away from zero once, at the end of a sum. */
export function microsToMinor(micros: number, currency: string): number {
  const minor = (micros * 10 ** minorUnitDigits(currency)) / MICROS_PER_UNIT;
  const rounded = Math.round(Math.abs(minor) + 1e-9);
  return minor < 0 ? 0 - rounded : rounded;
}

export const daysInMonth = (day: string): number => {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
};

/** One UTC day's overhead in micros: platform, tooling, and labor per program. */
export interface DailyOverhead {
  platform: number;
  tooling: number;
  labor: Record<string, number>;
}

export function dailyOverhead(day: string, costs: CostsConfig, currency: string): DailyOverhead {
  const days = daysInMonth(day);
  const perDay = (monthlyMinor: number) => minorToMicros(monthlyMinor, currency) / days;
  const labor: Record<string, number> = {};
  for (const [program, { hoursPerMonth, hourlyRateMinor }] of Object.entries(costs.labor)) {
    labor[program] = perDay(hoursPerMonth * hourlyRateMinor);
  }
  return { platform: perDay(costs.platformMonthlyMinor), tooling: perDay(costs.toolingMonthlyMinor), labor };
}

/** A message as the allocation needs it. */
export interface CostedMessage extends PricedMessage {
  /** UTC day it was sent (YYYY-MM-DD). */
  day: string;
  programId: string | null;
}

/** Per-message cost components in micros; index i is message i. */
export interface MessageCosts {
  fee: Float64Array;
  platform: Float64Array;
  tooling: Float64Array;
  labor: Float64Array;
  /** Billable segments per message (0 for email). */
  segments: Int32Array;
  /** Overhead of days (and program-days for labor) without a message to carry it, in micros. */
  unallocated: { platform: number; tooling: number; labor: number };
}

/**
 * Prices every message and spreads the overhead of `days` over them by volume. `days` are the
 * UTC days whose overhead is due (a day outside it, e.g. before the lake starts, costs nothing).
 */
export function allocateCosts(
  messages: readonly CostedMessage[],
  days: readonly string[],
  fees: FeesConfig,
  costs: CostsConfig,
): MessageCosts {
  const n = messages.length;
  const out: MessageCosts = {
    fee: new Float64Array(n),
    platform: new Float64Array(n),
    tooling: new Float64Array(n),
    labor: new Float64Array(n),
    segments: new Int32Array(n),
    unallocated: { platform: 0, tooling: 0, labor: 0 },
  };
  const perDay = new Map<string, number>();
  const perProgramDay = new Map<string, number>();
  const programDay = (program: string | null, day: string) => `${program ?? ''}\u0000${day}`;
  messages.forEach((message, i) => {
    const fee = messageFee(message, fees, costs);
    out.fee[i] = fee.micros;
    out.segments[i] = fee.segments;
    perDay.set(message.day, (perDay.get(message.day) ?? 0) + 1);
    const key = programDay(message.programId, message.day);
    perProgramDay.set(key, (perProgramDay.get(key) ?? 0) + 1);
  });
  const overhead = new Map(days.map((day) => [day, dailyOverhead(day, costs, fees.currency)]));
  messages.forEach((message, i) => {
    const day = overhead.get(message.day);
    if (!day) return;
    const count = perDay.get(message.day)!;
    out.platform[i] = day.platform / count;
    out.tooling[i] = day.tooling / count;
    const labor = message.programId === null ? undefined : day.labor[message.programId];
    if (labor !== undefined)
      out.labor[i] = labor / perProgramDay.get(programDay(message.programId, message.day))!;
  });
  for (const [dayName, day] of overhead) {
    if (!perDay.has(dayName)) {
      out.unallocated.platform += day.platform;
      out.unallocated.tooling += day.tooling;
    }
    for (const [program, labor] of Object.entries(day.labor)) {
      if (!perProgramDay.has(programDay(program, dayName))) out.unallocated.labor += labor;
    }
  }
  return out;
}

/**
 * Attributed ROI = (attributed profit − program cost) / program cost: attributed, not
 * incremental (credit is not causation; the holdout lift says what the program caused).
 * Null when nothing was spent.
 */
export function roiAttributed(profitMinor: number, costMinor: number): number | null {
  return costMinor > 0 ? (profitMinor - costMinor) / costMinor : null;
}

/** The label every place that shows roi_attributed prints beside it. */
export const ROI_ATTRIBUTED_LABEL = 'attributed (not incremental)';

/** What an attributed outcome is worth to the business, before credit is shared out. */
export interface OutcomeValue {
  /** Revenue (or deal amount) in minor units; null when the outcome has none. */
  amountMinor: number | null;
  /** Gross margin the shop reported for an order; null when it did not. */
  marginMinor: number | null;
  /** Discount given on the order: the incentive cost. */
  discountMinor: number;
}

/**
 * An outcome's margin and incentive cost, before the credit share: margin is the reported one,
 * else amount x defaultMarginRate; profit is margin minus the discount (the incentive is
 * subtracted here, once, and not added to program cost as well).
 */
export function outcomeProfit(
  value: OutcomeValue,
  costs: CostsConfig,
): { marginMinor: number; incentiveMinor: number; profitMinor: number } {
  const marginMinor = value.marginMinor ?? (value.amountMinor ?? 0) * costs.defaultMarginRate;
  return { marginMinor, incentiveMinor: value.discountMinor, profitMinor: marginMinor - value.discountMinor };
}
