import { utcDay } from '../../jobs/days.js';
import { readLakeColumns } from '../../lake/lakeColumns.js';
import type { ObjectStore } from '../../lake/objectStore.js';
import { eventsTable } from '../../lake/tables/events.js';
import { AttributionEngine, type CreditSink } from '../engine.js';
import type { AttributionModel, Outcome } from '../model.js';
import type { TouchIndex } from '../touchIndex.js';
import { HISTORY_COLUMNS, HistoryReader, type JobOutcome, TOUCH_COLUMNS } from './lakeInputs.js';
import { type AttributionPlan, touchFromDt, touchHorizonMs } from './plan.js';
import { TouchCollector } from './touchCollector.js';

/** One row of `attribution_credits`, as the lake writer takes it. */
export interface CreditLakeRow {
  outcome_id: string;
  outcome_type: string;
  outcome_at: Date;
  touch_event_id: string;
  touch_at: Date;
  touch_kind: string;
  channel: string | null;
  program_id: string | null;
  kind: string | null;
  campaign_id: string | null;
  workflow_id: string | null;
  step: number | null;
  model: AttributionModel;
  credit: number;
  credited_amount_minor: bigint | null;
  currency: string | null;
  rules_version: string;
}

/** One row of `pipeline_outcomes`, as the lake writer takes it. */
export interface OutcomeLakeRow {
  outcome_id: string;
  outcome_type: string;
  source_event_type: string;
  source: string;
  occurred_at: Date;
  contact_id: string | null;
  account_id: string | null;
  level: string;
  opportunity_id: string | null;
  from_stage: string | null;
  to_stage: string | null;
  amount_minor: bigint | null;
  currency: string | null;
  lead_created_at: Date | null;
  opportunity_created_at: Date | null;
  influenced: boolean;
  eligible_touches: number;
  sourced: boolean | null;
  sourcing_touch_event_id: string | null;
  rules_version: string;
}

export interface DayRows {
  day: string;
  credits: CreditLakeRow[];
  outcomes: OutcomeLakeRow[];
}

export interface ReadStats {
  historyRows: number;
  touchRows: number;
  touches: number;
  skipped: { bot: number; noIdentity: number };
  /** First partition the touch pass read. */
  touchFromDt: string;
  outcomes: number;
  /** Both passes; the history pass alone. */
  readMs: number;
  historyMs: number;
  indexMs: number;
}

const bigOrNull = (value: number | null | undefined) => (value == null ? null : BigInt(value));
const dateOrNull = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * The lake read and indexed for one run: outcomes by day, and an engine over every touch they
 * can use. `rowsFor(day)` then attributes one day at a time, so only one day's rows are ever
 * in memory.
 */
export class PreparedAttribution {
  private readonly engine: AttributionEngine;
  /** Position in the index of each touch id the engine read for the outcome being credited. */
  private readonly positions = new Map<string, number>();
  private readonly byDay = new Map<string, JobOutcome[]>();

  constructor(
    readonly plan: AttributionPlan,
    outcomes: readonly JobOutcome[],
    private readonly touches: TouchCollector,
    index: TouchIndex,
    readonly stats: ReadStats,
  ) {
    const positions = this.positions;
    // The engine reports a credited touch by id; reading ids through this index records where
    // each one sits, so its labels (program, campaign…) are found without an id → touch map
    // over every touch.
    const recording: TouchIndex = {
      ...index,
      touchEventId: (position: number) => {
        const id = index.touchEventId(position);
        positions.set(id, position);
        return id;
      },
    };
    this.engine = new AttributionEngine(recording, plan.rules);
    for (const outcome of outcomes) {
      const day = utcDay(outcome.at);
      const list = this.byDay.get(day) ?? [];
      list.push(outcome);
      this.byDay.set(day, list);
    }
    for (const list of this.byDay.values()) {
      list.sort((a, b) => (a.outcomeId < b.outcomeId ? -1 : a.outcomeId > b.outcomeId ? 1 : 0));
    }
  }

  outcomesOn(day: string): readonly JobOutcome[] {
    return this.byDay.get(day) ?? [];
  }

  /** Both tables' rows for the outcomes of one day. */
  rowsFor(day: string): DayRows {
    const credits: CreditLakeRow[] = [];
    const outcomes: OutcomeLakeRow[] = [];
    const rulesVersion = this.plan.rules.version;
    const inputIndex = this.engine.index.inputIndex!;
    const positions = this.positions;
    const touches = this.touches;
    let current: JobOutcome;
    let outcomeAt: Date;
    const sink: CreditSink = {
      row(_outcome: Outcome, touchEventId, touchAt, model, credit, amountMinor) {
        const position = positions.get(touchEventId);
        if (position === undefined) {
          throw new Error(`attribution engine credited ${touchEventId} without reading it from the index`);
        }
        const labels = touches.labelsOf(inputIndex[position]!);
        credits.push({
          outcome_id: current.outcomeId,
          outcome_type: current.outcomeType,
          outcome_at: outcomeAt,
          touch_event_id: touchEventId,
          touch_at: new Date(touchAt),
          touch_kind: labels.touchKind,
          channel: labels.channel,
          program_id: labels.programId,
          kind: labels.kind,
          campaign_id: labels.campaignId,
          workflow_id: labels.workflowId,
          step: labels.step,
          model,
          credit,
          credited_amount_minor: bigOrNull(amountMinor),
          currency: amountMinor === null ? null : (current.currency ?? null),
          rules_version: rulesVersion,
        });
      },
    };
    for (const outcome of this.outcomesOn(day)) {
      current = outcome;
      outcomeAt = new Date(outcome.at);
      positions.clear();
      this.engine.credit(outcome, sink);
      const flags = this.engine.flags(outcome);
      outcomes.push({
        outcome_id: outcome.outcomeId,
        outcome_type: outcome.outcomeType,
        source_event_type: outcome.eventType,
        source: outcome.source,
        occurred_at: outcomeAt,
        contact_id: outcome.contactId,
        account_id: outcome.accountId,
        level: outcome.level,
        opportunity_id: outcome.opportunityId,
        from_stage: outcome.fromStage,
        to_stage: outcome.toStage,
        amount_minor: bigOrNull(outcome.amountMinor),
        currency: outcome.currency ?? null,
        lead_created_at: dateOrNull(outcome.leadCreatedAt),
        opportunity_created_at: dateOrNull(outcome.opportunityCreatedAt),
        influenced: flags.influenced,
        eligible_touches: flags.eligibleTouches,
        sourced: flags.sourced,
        sourcing_touch_event_id: flags.sourcingTouchEventId,
        rules_version: rulesVersion,
      });
    }
    return { day, credits, outcomes };
  }
}

/**
 * Reads what a run needs from the lake's `events`: the CRM history and the run's outcomes
 * (pass 1, every partition up to the plan's last), then the touches from the horizon those
 * outcomes need (pass 2), into the core's index.
 */
export async function prepareAttribution(
  store: ObjectStore,
  plan: AttributionPlan,
  progress?: (line: string) => void,
): Promise<PreparedAttribution> {
  const started = performance.now();
  const history = new HistoryReader(plan);
  for await (const batch of readLakeColumns(store, eventsTable, { toDt: plan.scanToDt }, HISTORY_COLUMNS)) {
    history.add(batch);
  }
  const { identity, outcomes } = history.finish();
  const historyDone = performance.now();
  let earliestCreation: number | null = null;
  for (const outcome of outcomes) {
    const created = outcome.opportunityCreatedAt;
    if (created !== null && (earliestCreation === null || created < earliestCreation))
      earliestCreation = created;
  }
  const fromDt = touchFromDt(touchHorizonMs(plan, earliestCreation));
  progress?.(
    `attribution: ${outcomes.length} outcomes on ${plan.from}..${plan.to} among ${history.rows} events up to ${plan.scanToDt}; touches from ${fromDt}`,
  );

  const collector = new TouchCollector(identity);
  for await (const batch of readLakeColumns(
    store,
    eventsTable,
    { fromDt, toDt: plan.scanToDt },
    TOUCH_COLUMNS,
  )) {
    collector.add(batch);
  }
  const read = performance.now();
  const index = collector.build();
  const indexed = performance.now();
  progress?.(
    `attribution: ${collector.touches} touches indexed (${collector.skipped.bot} bot clicks, ${collector.skipped.noIdentity} without a contact skipped)`,
  );
  return new PreparedAttribution(plan, outcomes, collector, index, {
    historyRows: history.rows,
    touchRows: collector.rows,
    touches: collector.touches,
    skipped: { ...collector.skipped },
    touchFromDt: fromDt,
    outcomes: outcomes.length,
    readMs: read - started,
    historyMs: historyDone - started,
    indexMs: indexed - read,
  });
}
