import { type CurrencyRates, convert } from '../attribution/currency.js';
import type { CostsConfig } from '../cost/costConfig.js';
import { allocateCosts, type FeesConfig, outcomeProfit } from '../cost/costModel.js';
import { hourlyUtcOffsetMs } from '../governance/localTime.js';
import { FATIGUE_DAYS } from './definitions.js';
import type { ScorecardInputs, SendRecord } from './inputs.js';
import type { ScorecardConfig } from './scorecardConfig.js';

/**
 * Everything the scorecards need to know about each message, worked out once per run: its
 * delivery, its human clicks, the replies and opt-outs that belong to it, the credits on its
 * touches, its cost, local send time, fatigue count and engagement weight. A period then only
 * sums the facts of its messages that happened before the end of its day.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface ReplyFact {
  at: number;
  complaint: boolean;
  /** When the reply raised an intent alert; Infinity when it raised none. */
  alertAt: number;
  /** When a person claimed or dismissed that alert; Infinity when nobody has. */
  resolvedAt: number;
}

export interface CreditFact {
  outcome: number;
  at: number;
  credit: number;
  /** The destination of the credited click, for click touches. */
  destination: string | null;
}

export interface OutcomeFact {
  type: string;
  qualified: boolean;
  /** In the scorecard currency; null when none or not convertible. */
  amountMinor: number | null;
  profitMinor: number;
  incentiveMinor: number;
  revenue: boolean;
}

export interface SendFacts {
  sends: SendRecord[];
  category: (string | null)[];
  deliveredAt: Float64Array;
  clicks: ({ at: number; destination: string | null }[] | undefined)[];
  replies: (ReplyFact[] | undefined)[];
  optOutAt: Float64Array;
  credits: (CreditFact[] | undefined)[];
  outcomes: OutcomeFact[];
  fee: Float64Array;
  platform: Float64Array;
  tooling: Float64Array;
  labor: Float64Array;
  segments: Int32Array;
  localHour: Int8Array;
  /** 1 = Monday … 7 = Sunday. */
  localWeekday: Int8Array;
  /** Messages to the same address in the FATIGUE_DAYS up to and including this one. */
  fatigue: Int32Array;
  weight: Float64Array;
  tier: (string | null)[];
  /** When the same address got the next step of the same workflow; Infinity when it has not. */
  nextStepAt: Float64Array;
  unallocated: { platform: number; tooling: number; labor: number };
}

export interface ScoringContext {
  config: ScorecardConfig;
  costs: CostsConfig;
  fees: FeesConfig;
  /** workflow or campaign id -> category, from the program config. */
  categoryOf: (kind: 'campaign' | 'flow', id: string, programId: string | null) => string | null;
  tierWeights: Record<string, number>;
  currencyRates?: CurrencyRates;
  /** UTC days whose monthly overhead is allocated. */
  costDays: readonly string[];
}

/** Keeps the first record of each id: a duplicated event counts once. */
export function uniqueBy<T>(records: readonly T[], id: (record: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const record of records) {
    const key = id(record);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(record);
  }
  return out;
}

/** Adds `item` to the list at `i`, making the list on first use (most messages have none). */
function pushAt<T>(lists: (T[] | undefined)[], i: number, item: T): void {
  const list = lists[i];
  if (list) list.push(item);
  else lists[i] = [item];
}

const byTime = <T extends { at: number }>(a: T, b: T) => a.at - b.at;

/** Latest index in `times` (ascending) with time <= at and > at - windowMs, or -1. */
function latestBefore(times: readonly number[], at: number, windowMs: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  const found = lo - 1;
  return found >= 0 && times[found]! > at - windowMs ? found : -1;
}

/** Offset of `timeZone` from UTC in ms at `at`; cached per zone and UTC hour (zones change on the hour). */
export function zoneOffsetMs(timeZone: string | null, at: number): number {
  return timeZone ? (hourlyUtcOffsetMs(timeZone, at) ?? 0) : 0;
}

/** scheme://host/path of a link, without query or fragment (those carry ids, sometimes personal ones). */
export function linkDestination(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return null;
  }
}

const REVENUE_TYPES = new Set(['order', 'closed_won', 'renewal', 'expansion']);

export function buildFacts(input: ScorecardInputs, context: ScoringContext): SendFacts {
  const { config, costs, fees } = context;
  const currency = fees.currency;
  const sends = uniqueBy(
    uniqueBy(input.sends, (s) => s.eventId),
    (s) => `${s.channel}\u0000${s.messageId}`,
  ).sort((a, b) => a.at - b.at || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  const n = sends.length;
  const bySend = new Map<string, number>();
  sends.forEach((send, i) => {
    bySend.set(send.messageId, i);
  });

  const deliveredAt = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const deliveryTouch = new Map<string, number>();
  for (const delivery of uniqueBy(input.deliveries, (d) => d.eventId)) {
    const i = bySend.get(delivery.messageId);
    if (i === undefined) continue;
    deliveryTouch.set(delivery.eventId, i);
    if (delivery.at < deliveredAt[i]!) deliveredAt[i] = delivery.at;
  }

  const clicks: SendFacts['clicks'] = new Array(n);
  const clickTouch = new Map<string, { send: number; destination: string | null }>();
  for (const click of uniqueBy(input.clicks, (c) => c.eventId)) {
    const i = bySend.get(click.messageId);
    if (i === undefined || click.bot) continue;
    const destination = linkDestination(click.destination);
    clickTouch.set(click.eventId, { send: i, destination });
    pushAt(clicks, i, { at: click.at, destination });
  }

  // Replies and opt-outs: the latest message to the same address and channel within the window.
  const timesByAddress = new Map<string, { times: number[]; index: number[] }>();
  sends.forEach((send, i) => {
    const key = `${send.channel}\u0000${send.address}`;
    let list = timesByAddress.get(key);
    if (!list) {
      list = { times: [], index: [] };
      timesByAddress.set(key, list);
    }
    list.times.push(send.at);
    list.index.push(i);
  });
  const windowMs = config.replyWindowHours * HOUR_MS;
  const owner = (channel: string, address: string, at: number): number => {
    const list = timesByAddress.get(`${channel}\u0000${address}`);
    if (!list) return -1;
    const found = latestBefore(list.times, at, windowMs);
    return found < 0 ? -1 : list.index[found]!;
  };

  const alertBySource = new Map<string, { alertId: string; complaint: boolean }>();
  for (const alert of input.replyAlerts) {
    alertBySource.set(alert.sourceEventId, {
      alertId: alert.alertId,
      complaint: alert.intent === 'complaint',
    });
  }
  const resolvedAt = new Map<string, number>();
  for (const response of uniqueBy(input.alertResponses, (r) => r.eventId)) {
    if (response.response === 'snoozed') continue;
    resolvedAt.set(
      response.alertId,
      Math.min(resolvedAt.get(response.alertId) ?? Number.POSITIVE_INFINITY, response.at),
    );
  }
  const replies: SendFacts['replies'] = new Array(n);
  const replyTouch = new Map<string, number>();
  for (const reply of uniqueBy(input.replies, (r) => r.eventId).sort(byTime)) {
    const i = owner(reply.channel, reply.address, reply.at);
    if (i < 0) continue;
    replyTouch.set(reply.eventId, i);
    const alert = alertBySource.get(reply.eventId);
    pushAt(replies, i, {
      at: reply.at,
      complaint: alert?.complaint ?? false,
      alertAt: alert ? reply.at : Number.POSITIVE_INFINITY,
      resolvedAt: alert
        ? (resolvedAt.get(alert.alertId) ?? Number.POSITIVE_INFINITY)
        : Number.POSITIVE_INFINITY,
    });
  }
  const optOutAt = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (const optOut of uniqueBy(input.optOuts, (o) => o.eventId)) {
    const i = owner(optOut.channel, optOut.address, optOut.at);
    if (i >= 0 && optOut.at < optOutAt[i]!) optOutAt[i] = optOut.at;
  }

  // Outcomes and the credits on this run's messages.
  const qualified = new Set<string>(config.qualifiedOutcomes);
  const outcomeIndex = new Map<string, number>();
  const outcomes: OutcomeFact[] = [];
  for (const outcome of uniqueBy(input.outcomes, (o) => o.outcomeId)) {
    let amountMinor: number | null = null;
    if (outcome.amountMinor !== null && outcome.currency) {
      if (outcome.currency === currency) amountMinor = outcome.amountMinor;
      else if (context.currencyRates) {
        try {
          amountMinor = convert(outcome.amountMinor, outcome.currency, currency, context.currencyRates);
        } catch {
          amountMinor = null;
        }
      }
    }
    const sameMoney = outcome.currency === currency || amountMinor === null;
    const factor = !sameMoney && outcome.amountMinor ? amountMinor! / outcome.amountMinor : 1;
    const value = outcomeProfit(
      {
        amountMinor,
        marginMinor: outcome.marginMinor === null ? null : outcome.marginMinor * factor,
        discountMinor: outcome.discountMinor * factor,
      },
      costs,
    );
    const revenue = REVENUE_TYPES.has(outcome.outcomeType);
    outcomeIndex.set(outcome.outcomeId, outcomes.length);
    outcomes.push({
      type: outcome.outcomeType,
      qualified: qualified.has(outcome.outcomeType),
      amountMinor,
      profitMinor: revenue && amountMinor !== null ? value.profitMinor : 0,
      incentiveMinor: revenue && amountMinor !== null ? value.incentiveMinor : 0,
      revenue,
    });
  }
  const credits: SendFacts['credits'] = new Array(n);
  for (const credit of uniqueBy(input.credits, (c) => `${c.outcomeId}\u0000${c.touchEventId}`)) {
    const outcome = outcomeIndex.get(credit.outcomeId);
    if (outcome === undefined) continue;
    let send: number | undefined;
    let destination: string | null = null;
    if (credit.touchKind === 'send') send = deliveryTouch.get(credit.touchEventId);
    else if (credit.touchKind === 'click') {
      const click = clickTouch.get(credit.touchEventId);
      send = click?.send;
      destination = click?.destination ?? null;
    } else send = replyTouch.get(credit.touchEventId);
    if (send === undefined) continue;
    pushAt(credits, send, { outcome, at: credit.outcomeAt, credit: credit.credit, destination });
  }

  // Cost, local time, fatigue, engagement weight, next step.
  const cost = allocateCosts(
    sends.map((send) => ({
      channel: send.channel,
      segments: send.segments,
      priceMicros: send.priceMicros,
      priceCurrency: send.priceCurrency,
      day: new Date(send.at).toISOString().slice(0, 10),
      programId: send.programId,
    })),
    context.costDays,
    fees,
    costs,
  );
  const localHour = new Int8Array(n);
  const localWeekday = new Int8Array(n);
  const weight = new Float64Array(n);
  const tier: (string | null)[] = new Array(n);
  const category: (string | null)[] = new Array(n);
  const stageWeights = config.engagement.stageWeights;
  sends.forEach((send, i) => {
    const profile = send.contactId ? input.profiles.get(send.contactId) : undefined;
    const local = new Date(send.at + zoneOffsetMs(profile?.timeZone ?? null, send.at));
    localHour[i] = local.getUTCHours();
    localWeekday[i] = ((local.getUTCDay() + 6) % 7) + 1;
    tier[i] = profile?.tier ?? null;
    weight[i] =
      (profile?.tier ? (context.tierWeights[profile.tier] ?? 1) : 1) *
      (profile?.stage ? (stageWeights[profile.stage] ?? 1) : 1);
    const id = send.kind === 'campaign' ? send.campaignId : send.kind === 'flow' ? send.workflowId : null;
    category[i] = send.kind && id ? context.categoryOf(send.kind, id, send.programId) : null;
  });
  const fatigue = new Int32Array(n);
  const nextStepAt = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const fatigueMs = FATIGUE_DAYS * DAY_MS;
  for (const { index } of timesByAddress.values()) {
    let first = 0;
    for (let k = 0; k < index.length; k += 1) {
      const at = sends[index[k]!]!.at;
      while (sends[index[first]!]!.at <= at - fatigueMs) first += 1;
      fatigue[index[k]!] = k - first + 1;
    }
    // Next step: the first later message of the same workflow with the following step.
    const pending = new Map<string, number[]>();
    for (const i of index) {
      const send = sends[i]!;
      if (send.kind !== 'flow' || send.workflowId === null || send.step === null) continue;
      const waiting = pending.get(`${send.workflowId}\u0000${send.step - 1}`);
      if (waiting) {
        for (const j of waiting) nextStepAt[j] = send.at;
        pending.delete(`${send.workflowId}\u0000${send.step - 1}`);
      }
      const key = `${send.workflowId}\u0000${send.step}`;
      const list = pending.get(key) ?? [];
      list.push(i);
      pending.set(key, list);
    }
  }

  return {
    sends,
    category,
    deliveredAt,
    clicks,
    replies,
    optOutAt,
    credits,
    outcomes,
    fee: cost.fee,
    platform: cost.platform,
    tooling: cost.tooling,
    labor: cost.labor,
    segments: cost.segments,
    localHour,
    localWeekday,
    fatigue,
    weight,
    tier,
    nextStepAt,
    unallocated: cost.unallocated,
  };
}
