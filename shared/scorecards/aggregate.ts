import { microsToMinor, roiAttributed } from '../cost/costModel.js';
import type { ScorecardRow } from '../lake/tables/scorecards.js';
import {
  DEFINITIONS_VERSION,
  fatigueBucket,
  type Level,
  PERIOD_DAYS,
  PERIODS,
  type Period,
} from './definitions.js';
import { DAY_MS, HOUR_MS, type SendFacts, uniqueBy } from './facts.js';
import type { DecisionRecord, TouchIdentity } from './inputs.js';

/**
 * Sums the facts of the messages sent in each period into one row per level and key. Pure:
 * the same facts and day give the same rows.
 */

interface GroupId {
  level: Level;
  kind: 'campaign' | 'flow' | null;
  key: string;
  parent: string | null;
  category: string | null;
  programId: string | null;
}

class Tally {
  eligible = 0;
  suppressed = 0;
  sawDecisions = false;
  sends = 0;
  segments = 0;
  delivered = 0;
  readonly recipients = new Map<string, number>();
  readonly clickers = new Set<string>();
  readonly repliers = new Set<string>();
  readonly optOuts = new Set<string>();
  readonly converters = new Set<string>();
  complaints = 0;
  replyAlerts = 0;
  resolutions = 0;
  readonly conversions = new Set<number>();
  readonly pipeline = new Set<number>();
  readonly won = new Set<number>();
  revenue = 0;
  profit = 0;
  incentive = 0;
  fee = 0;
  platform = 0;
  labor = 0;
  tooling = 0;
  readonly hoursToNext: number[] = [];
  constructor(readonly id: GroupId) {}
}

export interface DayScoring {
  facts: SendFacts;
  decisions: DecisionRecord[];
  currency: string;
  model: string;
  points: { click: number; reply: number; conversion: number };
  /** First UTC day with data: period_start of to_date rows. */
  firstDay: string;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const WEEKDAYS = ['', '1-Mon', '2-Tue', '3-Wed', '4-Thu', '5-Fri', '6-Sat', '7-Sun'];

/** First index of `sorted` (ascending by at) with at >= value. */
function lowerBound(sorted: readonly { at: number }[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.at < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Every group once, by a number: a message's static groups (its campaign or flow, category,
 * variant, step, send hour, weekday, tier, fatigue bucket) are worked out once per run, so a
 * period only adds numbers up.
 */
class GroupIndex {
  readonly groups: GroupId[] = [];
  private readonly byKey = new Map<string, number>();

  intern(
    level: Level,
    kind: 'campaign' | 'flow' | null,
    key: string,
    parent: string | null,
    category: string | null,
    programId: string | null,
  ): number {
    const name = `${level}\u0000${kind ?? ''}\u0000${key}`;
    let found = this.byKey.get(name);
    if (found === undefined) {
      found = this.groups.length;
      this.groups.push({ level, kind, key, parent, category, programId });
      this.byKey.set(name, found);
    }
    return found;
  }

  /** The campaign-or-workflow groups of a touch: campaign or flow, category, variant, step. */
  identity(touch: TouchIdentity, category: string | null, into: number[]): void {
    const kind = touch.kind;
    const id = kind === 'campaign' ? touch.campaignId : kind === 'flow' ? touch.workflowId : null;
    if (!kind || !id) return;
    into.push(this.intern(kind, kind, id, null, category, touch.programId));
    into.push(this.intern('category', kind, category ?? 'uncategorized', null, category, null));
    into.push(
      this.intern('variant', kind, `${id}:${touch.variant ?? '(none)'}`, id, category, touch.programId),
    );
    if (kind === 'flow' && touch.step !== null) {
      into.push(this.intern('step', kind, `${id}#${touch.step}`, id, category, touch.programId));
    }
  }
}

interface Grouped {
  index: GroupIndex;
  sendGroups: number[][];
  decisionGroups: number[][];
  /** Per message, a number for (campaign or workflow, contact), -1 without one: the channel-mix unit. */
  mixOwner: Int32Array;
  mixOwners: number;
}
const groupedCache = new WeakMap<DayScoring, Grouped>();

function grouped(scoring: DayScoring, categoryOf: CategoryOf): Grouped {
  let found = groupedCache.get(scoring);
  if (found) return found;
  const { facts } = scoring;
  const index = new GroupIndex();
  const sendGroups = facts.sends.map((send, i) => {
    const groups: number[] = [];
    index.identity(send, facts.category[i] ?? null, groups);
    const kind = send.kind;
    groups.push(
      index.intern('send_hour', kind, String(facts.localHour[i]).padStart(2, '0'), null, null, null),
      index.intern('weekday', kind, WEEKDAYS[facts.localWeekday[i]!]!, null, null, null),
      index.intern('account_tier', kind, facts.tier[i] ?? '(unknown)', null, null, null),
      index.intern('fatigue', kind, fatigueBucket(facts.fatigue[i]!), null, null, null),
    );
    return groups;
  });
  const decisionGroups = scoring.decisions.map((decision) => {
    const groups: number[] = [];
    const kind = decision.kind;
    const id = kind === 'campaign' ? decision.campaignId : kind === 'flow' ? decision.workflowId : null;
    const category = kind && id ? categoryOf(kind, id, decision.programId) : null;
    index.identity(decision, category, groups);
    return groups;
  });
  const owners = new Map<string, number>();
  const mixOwner = new Int32Array(facts.sends.length).fill(-1);
  facts.sends.forEach((send, i) => {
    const id = send.kind === 'campaign' ? send.campaignId : send.kind === 'flow' ? send.workflowId : null;
    if (!send.kind || !id) return;
    const key = `${send.kind}\u0000${id}\u0000${send.contactId ?? send.address}`;
    let owner = owners.get(key);
    if (owner === undefined) {
      owner = owners.size;
      owners.set(key, owner);
    }
    mixOwner[i] = owner;
  });
  found = { index, sendGroups, decisionGroups, mixOwner, mixOwners: owners.size };
  groupedCache.set(scoring, found);
  return found;
}

/** Every row of one day: each period ending with `dt`, each level and key. */
export function scoreDay(scoring: DayScoring, dt: string, categoryOf: CategoryOf): ScorecardRow[] {
  const rows: ScorecardRow[] = [];
  const end = Date.parse(`${dt}T00:00:00Z`) + DAY_MS;
  const groups = grouped(scoring, categoryOf);
  for (const period of PERIODS) {
    const days = PERIOD_DAYS[period];
    const start = days === null ? Number.NEGATIVE_INFINITY : end - days * DAY_MS;
    const periodStart = days === null ? scoring.firstDay : dayOf(start);
    rows.push(...scorePeriod(scoring, groups, start, end, { dt, period, periodStart }));
  }
  return rows;
}

export type CategoryOf = (kind: 'campaign' | 'flow', id: string, programId: string | null) => string | null;

function scorePeriod(
  scoring: DayScoring,
  { index, sendGroups, decisionGroups, mixOwner, mixOwners }: Grouped,
  start: number,
  end: number,
  at: { dt: string; period: Period; periodStart: string },
): ScorecardRow[] {
  const { facts, decisions } = scoring;
  const tallies = new Map<number, Tally>();
  const tally = (group: number): Tally => {
    let found = tallies.get(group);
    if (!found) {
      found = new Tally(index.groups[group]!);
      tallies.set(group, found);
    }
    return found;
  };

  for (let d = lowerBound(decisions, start); d < decisions.length && decisions[d]!.at < end; d += 1) {
    const suppressed = decisions[d]!.decision === 'suppress';
    const count = decisions[d]!.count ?? 1;
    for (const group of decisionGroups[d]!) {
      const t = tally(group);
      t.sawDecisions = true;
      t.eligible += count;
      if (suppressed) t.suppressed += count;
    }
  }

  const first = lowerBound(facts.sends, start);
  const last = lowerBound(facts.sends, end);
  // Channel mix: which channels each contact got from each campaign or workflow in the period.
  const mixes = new Uint8Array(mixOwners);
  const mixGroups = new Map<number, number>();
  for (let i = first; i < last; i += 1) {
    const owner = mixOwner[i]!;
    if (owner >= 0) mixes[owner]! |= facts.sends[i]!.channel === 'sms' ? 1 : 2;
  }
  for (let i = first; i < last; i += 1) {
    const send = facts.sends[i]!;
    for (const group of sendGroups[i]!) addSend(tally(group), facts, i, end);
    const owner = mixOwner[i]!;
    if (owner >= 0) {
      const mix = mixes[owner]!;
      let group = mixGroups.get(owner * 4 + mix);
      if (group === undefined) {
        const id = (send.kind === 'campaign' ? send.campaignId : send.workflowId)!;
        const name = mix === 3 ? 'sms+email' : mix === 1 ? 'sms' : 'email';
        group = index.intern(
          'channel_mix',
          send.kind,
          `${id}:${name}`,
          id,
          facts.category[i] ?? null,
          send.programId,
        );
        mixGroups.set(owner * 4 + mix, group);
      }
      addSend(tally(group), facts, i, end);
    }
    const clicks = facts.clicks[i];
    if (!clicks) continue;
    const destinations = new Set<string>();
    for (const click of clicks) {
      if (click.at < end && click.destination) destinations.add(click.destination);
    }
    for (const destination of destinations) {
      const group = index.intern('link_destination', send.kind, destination, null, null, null);
      addSend(tally(group), facts, i, end, destination);
    }
  }

  const rows: ScorecardRow[] = [];
  for (const t of tallies.values()) {
    const row = toRow(t, scoring, at);
    rows.push(row);
    if ((t.id.level === 'campaign' || t.id.level === 'flow') && t.repliers.size > 0) {
      rows.push({ ...row, level: 'two_way', parent_key: t.id.key, rank_in_category: null });
    }
  }
  rankWithinCategory(rows);
  return rows;
}

function addSend(t: Tally, facts: SendFacts, i: number, end: number, destination?: string) {
  const send = facts.sends[i]!;
  const address = send.address;
  t.sends += 1;
  t.segments += facts.segments[i]!;
  t.fee += facts.fee[i]!;
  t.platform += facts.platform[i]!;
  t.tooling += facts.tooling[i]!;
  t.labor += facts.labor[i]!;
  t.recipients.set(address, Math.max(t.recipients.get(address) ?? 0, facts.weight[i]!));
  if (facts.deliveredAt[i]! < end) t.delivered += 1;
  for (const click of facts.clicks[i] ?? []) {
    if (click.at < end && (destination === undefined || click.destination === destination)) {
      t.clickers.add(address);
      break;
    }
  }
  for (const reply of facts.replies[i] ?? []) {
    if (reply.at >= end) continue;
    t.repliers.add(address);
    if (reply.complaint) t.complaints += 1;
    if (reply.alertAt < end) {
      t.replyAlerts += 1;
      if (reply.resolvedAt < end) t.resolutions += 1;
    }
  }
  if (facts.optOutAt[i]! < end) t.optOuts.add(address);
  for (const credit of facts.credits[i] ?? []) {
    if (credit.at >= end || (destination !== undefined && credit.destination !== destination)) continue;
    const outcome = facts.outcomes[credit.outcome]!;
    if (outcome.qualified) {
      t.conversions.add(credit.outcome);
      t.converters.add(address);
    }
    if (outcome.revenue && outcome.amountMinor !== null) {
      t.revenue += credit.credit * outcome.amountMinor;
      t.profit += credit.credit * outcome.profitMinor;
      t.incentive += credit.credit * outcome.incentiveMinor;
    }
    if (outcome.type === 'opportunity_created') t.pipeline.add(credit.outcome);
    if (outcome.type === 'closed_won' || outcome.type === 'order') t.won.add(credit.outcome);
  }
  const next = facts.nextStepAt[i]!;
  if (next < end) t.hoursToNext.push((next - send.at) / HOUR_MS);
}

const money = (value: number) => BigInt(Math.round(value));

function toRow(
  t: Tally,
  scoring: DayScoring,
  at: { dt: string; period: Period; periodStart: string },
): ScorecardRow {
  const { facts, currency, points } = scoring;
  const recipients = t.recipients.size;
  const sumAmounts = (outcomes: Set<number>) => {
    let total = 0;
    for (const o of outcomes) total += facts.outcomes[o]!.amountMinor ?? 0;
    return total;
  };
  const fee = microsToMinor(t.fee, currency);
  const platform = microsToMinor(t.platform, currency);
  const labor = microsToMinor(t.labor, currency);
  const tooling = microsToMinor(t.tooling, currency);
  const cost = fee + platform + labor + tooling;
  const revenue = Math.round(t.revenue);
  const profit = Math.round(t.profit);
  let engagement = 0;
  for (const [address, weight] of t.recipients) {
    const earned =
      (t.clickers.has(address) ? points.click : 0) +
      (t.repliers.has(address) ? points.reply : 0) +
      (t.converters.has(address) ? points.conversion : 0);
    engagement += weight * earned;
  }
  let replyConversions = 0;
  for (const address of t.repliers) if (t.converters.has(address)) replyConversions += 1;
  const conversions = t.conversions.size;
  return {
    period: at.period,
    period_start: at.periodStart,
    level: t.id.level,
    kind: t.id.kind,
    key: t.id.key,
    parent_key: t.id.parent,
    category: t.id.category,
    program_id: t.id.programId,
    eligible:
      t.sawDecisions || ['campaign', 'flow', 'step', 'category', 'variant'].includes(t.id.level)
        ? t.eligible
        : null,
    suppressed:
      t.sawDecisions || ['campaign', 'flow', 'step', 'category', 'variant'].includes(t.id.level)
        ? t.suppressed
        : null,
    sends: t.sends,
    recipients,
    segments: t.segments,
    delivered: t.delivered,
    delivery_rate: rate(t.delivered, t.sends),
    unique_clickers: t.clickers.size,
    ctr: rate(t.clickers.size, recipients),
    repliers: t.repliers.size,
    reply_rate: rate(t.repliers.size, recipients),
    opt_outs: t.optOuts.size,
    opt_out_rate: rate(t.optOuts.size, recipients),
    complaints: t.complaints,
    conversions,
    converters: t.converters.size,
    conversion_rate: rate(t.converters.size, recipients),
    revenue_minor: money(revenue),
    revenue_per_recipient_minor: rate(revenue, recipients),
    profit_minor: money(profit),
    profit_per_recipient_minor: rate(profit, recipients),
    incentive_cost_minor: money(t.incentive),
    message_fees_minor: money(fee),
    platform_cost_minor: money(platform),
    labor_cost_minor: money(labor),
    tooling_cost_minor: money(tooling),
    cost_minor: money(cost),
    cost_per_outcome_minor: rate(cost, conversions),
    pipeline_influenced_minor: money(sumAmounts(t.pipeline)),
    revenue_influenced_minor: money(sumAmounts(t.won)),
    roi_attributed: roiAttributed(profit, cost),
    median_hours_to_next_step: median(t.hoursToNext),
    reply_alerts: t.replyAlerts,
    reply_resolutions: t.resolutions,
    reply_to_resolution_rate: rate(t.resolutions, t.replyAlerts),
    reply_conversions: replyConversions,
    reply_to_conversion_rate: rate(replyConversions, t.repliers.size),
    engagement_score: rate(engagement, recipients),
    rank_in_category: null,
    currency,
    attribution_model: scoring.model,
    definitions_version: DEFINITIONS_VERSION,
  };
}

/** Net attributed profit per recipient, the ranking measure. */
const netPerRecipient = (row: ScorecardRow): number => {
  const recipients = row.recipients;
  return recipients > 0
    ? (Number(row.profit_minor) - Number(row.cost_minor)) / recipients
    : Number.NEGATIVE_INFINITY;
};

/** Ranks campaign and flow rows within (period, kind, category); ties by key so ranks are stable. */
export function rankWithinCategory(rows: ScorecardRow[]): void {
  const buckets = new Map<string, ScorecardRow[]>();
  for (const row of rows) {
    if (row.level !== 'campaign' && row.level !== 'flow') continue;
    const key = `${row.period}\u0000${row.kind}\u0000${row.category}`;
    const list = buckets.get(key) ?? [];
    list.push(row);
    buckets.set(key, list);
  }
  for (const list of buckets.values()) {
    list.sort((a, b) => netPerRecipient(b) - netPerRecipient(a) || a.key.localeCompare(b.key));
    list.forEach((row, i) => {
      row.rank_in_category = i + 1;
    });
  }
}

/** Decisions once each, in time order (allow and suppress only). */
export const prepareDecisions = (decisions: readonly DecisionRecord[]): DecisionRecord[] =>
  uniqueBy(decisions, (d) => d.eventId).sort((a, b) => a.at - b.at);
