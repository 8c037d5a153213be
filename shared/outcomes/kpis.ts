import { DAY_MS } from '../attribution/rules.js';
import type { OutcomeKpiConfig } from './config.js';
import {
  KPI_GROUP_BYS,
  type KpiGroupBy,
  type KpiOutcome,
  type KpiTouch,
  NEXT_STEP_TYPES,
  NO_VALUE,
  type OutcomeKpiRow,
} from './model.js';
import { quantileCont } from './quantile.js';
import { GroupTally, type StageDirection } from './tally.js';

export type { StageDirection } from './tally.js';

/**
 * The outcome KPIs of one day, from the attribution job's outcomes and their eligible touches.
 * Pure: the job (./job/outcomeKpisJob.ts) reads the lake and writes the rows.
 */
export interface KpiOptions {
  config: OutcomeKpiConfig;
  /** Account id -> tier (the CRM's latest). */
  tiers: ReadonlyMap<string, string>;
  rulesVersion: string;
  /**
   * How far before a stage change without a from_stage its opportunity's previous outcome may
   * be and still give the stage it left. The job reads this far back, so a day's rows do not
   * depend on the range it was run in. @default no limit
   */
  stageHistoryMs?: number;
}

/** Where a move goes in the stage order; null when either stage is unknown or not in the order. */
export function stageDirection(
  order: readonly string[],
  from: string | null,
  to: string | null,
): StageDirection | null {
  if (from === null || to === null) return null;
  const a = order.indexOf(from);
  const b = order.indexOf(to);
  if (a < 0 || b < 0) return null;
  return b > a ? 'forward' : b < a ? 'backward' : 'same';
}

export type ChannelMix = 'sms_only' | 'email_only' | 'both' | 'none';

/** The channels among an outcome's eligible touches. */
export function channelMix(touches: readonly Pick<KpiTouch, 'channel'>[]): ChannelMix {
  let sms = false;
  let email = false;
  for (const touch of touches) {
    if (touch.channel === 'sms') sms = true;
    else if (touch.channel === 'email') email = true;
  }
  return sms && email ? 'both' : sms ? 'sms_only' : email ? 'email_only' : 'none';
}

type GroupKey = readonly [KpiGroupBy, string];

/** The touch groups a touch is in: its program and kind, and for flow touches its workflow and step. */
export function touchGroups(touch: KpiTouch): GroupKey[] {
  const groups: GroupKey[] = [
    ['program', touch.programId ?? NO_VALUE],
    ['kind', touch.kind ?? NO_VALUE],
  ];
  if (touch.workflowId !== null) {
    groups.push(['workflow', touch.workflowId]);
    if (touch.step !== null) groups.push(['step', `${touch.workflowId}:${touch.step}`]);
  }
  return groups;
}

/** The outcome groups an outcome is in: one key per dimension. */
export function outcomeGroups(outcome: KpiOutcome, tiers: ReadonlyMap<string, string>): GroupKey[] {
  const tier = outcome.accountId === null ? undefined : tiers.get(outcome.accountId);
  return [
    ['all', 'all'],
    ['channel_mix', channelMix(outcome.touches)],
    ['account_tier', tier ?? NO_VALUE],
    ['stage', outcome.toStage ?? NO_VALUE],
  ];
}

export interface NextStep {
  touch: KpiTouch;
  outcome: KpiOutcome;
}

/**
 * Each touch's next step: the earliest stage change or meeting (by time, then outcome id) among
 * `outcomes` it is an eligible touch of. Outcomes must reach back one step window before the
 * day asked about, so an earlier step of the same touch is seen.
 */
export function nextSteps(outcomes: readonly KpiOutcome[]): Map<string, NextStep> {
  const next = new Map<string, NextStep>();
  for (const outcome of outcomes) {
    if (!NEXT_STEP_TYPES.has(outcome.outcomeType)) continue;
    for (const touch of outcome.touches) {
      const seen = next.get(touch.touchEventId);
      if (
        !seen ||
        outcome.at < seen.outcome.at ||
        (outcome.at === seen.outcome.at && outcome.outcomeId < seen.outcome.outcomeId)
      ) {
        next.set(touch.touchEventId, { touch, outcome });
      }
    }
  }
  return next;
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const hours = (ms: number | null) => (ms === null ? null : ms / 3_600_000);

/**
 * The `outcome_kpis` rows of `day` (UTC): counts over the outcomes that happened that day, and
 * time-to-next-step over the touches whose next step happened that day. `outcomes` may hold
 * earlier days too (they are needed to find each touch's first step) and later ones (ignored).
 */
export function computeOutcomeKpis(
  day: string,
  outcomes: readonly KpiOutcome[],
  options: KpiOptions,
): OutcomeKpiRow[] {
  return new OutcomeKpiCalculator(outcomes, options).rowsFor(day);
}

/**
 * computeOutcomeKpis for many days over one set of outcomes: the outcomes are split by day and
 * each touch's next step found once, not once per day.
 */
export class OutcomeKpiCalculator {
  private readonly byDay = new Map<string, KpiOutcome[]>();
  private readonly stepsByDay = new Map<string, NextStep[]>();
  private readonly previousStages: ReadonlyMap<string, string>;

  constructor(
    outcomes: readonly KpiOutcome[],
    private readonly options: KpiOptions,
  ) {
    for (const outcome of outcomes) push(this.byDay, utcDay(outcome.at), outcome);
    this.previousStages = previousStages(outcomes, options.stageHistoryMs);
    for (const step of nextSteps(outcomes).values()) push(this.stepsByDay, utcDay(step.outcome.at), step);
  }

  rowsFor(day: string): OutcomeKpiRow[] {
    const options = this.options;
    const { stageOrder, progressionDays } = options.config;
    const withinMs = progressionDays * DAY_MS;
    const groups = new Map<string, { groupBy: KpiGroupBy; key: string; tally: GroupTally }>();
    const tallyOf = ([groupBy, key]: GroupKey): GroupTally => {
      const id = `${groupBy}\u0000${key}`;
      let group = groups.get(id);
      if (!group) {
        group = { groupBy, key, tally: new GroupTally() };
        groups.set(id, group);
      }
      return group.tally;
    };

    for (const outcome of this.byDay.get(day) ?? []) {
      const direction =
        outcome.outcomeType === 'stage_changed'
          ? stageDirection(
              stageOrder,
              outcome.fromStage ?? this.previousStages.get(outcome.outcomeId) ?? null,
              outcome.toStage,
            )
          : null;
      for (const group of outcomeGroups(outcome, options.tiers)) {
        tallyOf(group).add(outcome, outcome.touches, direction, withinMs);
      }
      const byTouchGroup = new Map<string, { group: GroupKey; touches: KpiTouch[] }>();
      for (const touch of outcome.touches) {
        for (const group of touchGroups(touch)) {
          const id = `${group[0]}\u0000${group[1]}`;
          const entry = byTouchGroup.get(id) ?? { group, touches: [] };
          entry.touches.push(touch);
          byTouchGroup.set(id, entry);
        }
      }
      for (const { group, touches } of byTouchGroup.values()) {
        tallyOf(group).add(outcome, touches, direction, withinMs);
      }
    }

    for (const { touch, outcome } of this.stepsByDay.get(day) ?? []) {
      const ms = outcome.at - touch.at;
      for (const group of [...outcomeGroups(outcome, options.tiers), ...touchGroups(touch)]) {
        tallyOf(group).samplesMs.push(ms);
      }
    }
    return kpiRows(groups, options);
  }
}

/**
 * For each stage change without a from_stage: the stage its opportunity's previous outcome
 * among `outcomes` (creation, change or close, by time then outcome id) left it in. CRMs that
 * send only the new stage (HubSpot property changes, Salesforce outbound messages) still get
 * their moves called forward or backward when the earlier stage is in view.
 */
export function previousStages(
  outcomes: readonly KpiOutcome[],
  withinMs = Number.POSITIVE_INFINITY,
): Map<string, string> {
  const byOpportunity = new Map<string, KpiOutcome[]>();
  for (const outcome of outcomes) {
    if (outcome.opportunityId == null) continue;
    if (!['opportunity_created', 'stage_changed', 'closed_won'].includes(outcome.outcomeType)) continue;
    push(byOpportunity, outcome.opportunityId, outcome);
  }
  const previous = new Map<string, string>();
  for (const list of byOpportunity.values()) {
    list.sort((a, b) => a.at - b.at || (a.outcomeId < b.outcomeId ? -1 : a.outcomeId > b.outcomeId ? 1 : 0));
    let stage: { name: string; at: number } | null = null;
    for (const outcome of list) {
      if (
        outcome.outcomeType === 'stage_changed' &&
        outcome.fromStage === null &&
        stage !== null &&
        outcome.at - stage.at <= withinMs
      ) {
        previous.set(outcome.outcomeId, stage.name);
      }
      if (outcome.toStage !== null) stage = { name: outcome.toStage, at: outcome.at };
    }
  }
  return previous;
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The rows of the day's groups: group order, then key order; an outcomes row, then an amounts row per currency. */
function kpiRows(
  groups: Map<string, { groupBy: KpiGroupBy; key: string; tally: GroupTally }>,
  options: KpiOptions,
): OutcomeKpiRow[] {
  const { stageOrder, progressionDays } = options.config;
  const ordered = [...groups.values()].sort(
    (a, b) =>
      KPI_GROUP_BYS.indexOf(a.groupBy) - KPI_GROUP_BYS.indexOf(b.groupBy) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const staged = stageOrder.length > 0;
  const common = { progression_days: progressionDays, rules_version: options.rulesVersion };
  const rows: OutcomeKpiRow[] = [];
  for (const { groupBy, key, tally } of ordered) {
    rows.push({
      group_by: groupBy,
      group_key: key,
      kind: 'outcomes',
      currency: null,
      outcomes: tally.outcomes,
      influenced: tally.influenced,
      meetings_booked: tally.booked[0]!,
      meetings_booked_influenced: tally.booked[1]!,
      meetings_attended: tally.attended[0]!,
      meetings_attended_influenced: tally.attended[1]!,
      opportunities_created: tally.opportunities[0]!,
      opportunities_created_influenced: tally.opportunities[1]!,
      deals_won: tally.deals[0]!,
      deals_won_influenced: tally.deals[1]!,
      stage_changes: tally.stageChanges,
      forward_moves: staged ? tally.forward : null,
      forward_moves_after_touch: staged ? tally.forwardAfterTouch : null,
      next_step_touches: tally.samplesMs.length,
      next_step_median_hours: hours(quantileCont(tally.samplesMs, 0.5)),
      next_step_p75_hours: hours(quantileCont(tally.samplesMs, 0.75)),
      pipeline_minor: null,
      pipeline_influenced_minor: null,
      revenue_minor: null,
      revenue_influenced_minor: null,
      ...common,
    });
    for (const currency of [...tally.amounts.keys()].sort()) {
      const a = tally.amounts.get(currency)!;
      rows.push({
        group_by: groupBy,
        group_key: key,
        kind: 'amounts',
        currency,
        outcomes: a.outcomes,
        influenced: a.influenced,
        meetings_booked: null,
        meetings_booked_influenced: null,
        meetings_attended: null,
        meetings_attended_influenced: null,
        opportunities_created: a.opportunities,
        opportunities_created_influenced: a.opportunitiesInfluenced,
        deals_won: a.deals,
        deals_won_influenced: a.dealsInfluenced,
        stage_changes: null,
        forward_moves: null,
        forward_moves_after_touch: null,
        next_step_touches: null,
        next_step_median_hours: null,
        next_step_p75_hours: null,
        pipeline_minor: a.pipeline,
        pipeline_influenced_minor: a.pipelineInfluenced,
        revenue_minor: a.revenue,
        revenue_influenced_minor: a.revenueInfluenced,
        ...common,
      });
    }
  }
  return rows;
}
