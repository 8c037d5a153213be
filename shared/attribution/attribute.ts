import { AttributionEngine, type CreditSink } from './engine.js';
import {
  AttributionInputError,
  type AttributionModel,
  type CreditRow,
  type Outcome,
  type OutcomeFlags,
  type OutcomeType,
  type Touch,
} from './model.js';
import type { AttributionRules } from './rules.js';
import { type ContactAccounts, indexTouches, type TouchIndex, type TouchRow } from './touchIndex.js';

/**
 * The attribution core's entry points. Small inputs: `attribute`, `outcomeFlags`,
 * `eligibleTouches` take arrays and return rows sorted by outcome id. Lake scale: index the
 * touches once (`TouchIndexBuilder`, streaming), then `attributeBatches` yields columnar
 * batches a Parquet writer takes as they are, without one object per credit row.
 */

/** A slice of `attribution_credits` as columns (one array per column, same length). */
export interface CreditBatch {
  length: number;
  rulesVersion: string;
  outcomeId: string[];
  outcomeType: OutcomeType[];
  touchEventId: string[];
  /** Epoch milliseconds. */
  touchAt: Float64Array;
  model: AttributionModel[];
  credit: Float64Array;
  creditedAmountMinor: (number | null)[];
  currency: (string | null)[];
}

/**
 * Fills one batch at a time into columns allocated at their final size (growing arrays by push
 * and dropping them cost more than computing the credits).
 */
class BatchSink implements CreditSink {
  private length = 0;
  private capacity: number;
  private outcomeId!: string[];
  private outcomeType!: OutcomeType[];
  private touchEventId!: string[];
  private touchAt!: Float64Array;
  private model!: AttributionModel[];
  private credit!: Float64Array;
  private creditedAmountMinor!: (number | null)[];
  private currency!: (string | null)[];

  constructor(
    private readonly rulesVersion: string,
    batchRows: number,
  ) {
    // An outcome's rows are never split, so a batch may run past batchRows; leave room.
    this.capacity = batchRows + 1024;
    this.reset();
  }

  get rows(): number {
    return this.length;
  }

  row(
    outcome: Outcome,
    touchEventId: string,
    touchAt: number,
    model: AttributionModel,
    credit: number,
    amount: number | null,
  ) {
    if (this.length === this.capacity) this.grow();
    const i = this.length;
    this.outcomeId[i] = outcome.outcomeId;
    this.outcomeType[i] = outcome.outcomeType;
    this.touchEventId[i] = touchEventId;
    this.touchAt[i] = touchAt;
    this.model[i] = model;
    this.credit[i] = credit;
    this.creditedAmountMinor[i] = amount;
    this.currency[i] = amount === null ? null : (outcome.currency ?? null);
    this.length = i + 1;
  }

  take(): CreditBatch {
    const n = this.length;
    const trim = <T>(column: T[]) => {
      column.length = n;
      return column;
    };
    const batch: CreditBatch = {
      length: n,
      rulesVersion: this.rulesVersion,
      outcomeId: trim(this.outcomeId),
      outcomeType: trim(this.outcomeType),
      touchEventId: trim(this.touchEventId),
      touchAt: this.touchAt.subarray(0, n),
      model: trim(this.model),
      credit: this.credit.subarray(0, n),
      creditedAmountMinor: trim(this.creditedAmountMinor),
      currency: trim(this.currency),
    };
    this.reset();
    return batch;
  }

  private reset(): void {
    const size = this.capacity;
    this.length = 0;
    this.outcomeId = new Array(size);
    this.outcomeType = new Array(size);
    this.touchEventId = new Array(size);
    this.touchAt = new Float64Array(size);
    this.model = new Array(size);
    this.credit = new Float64Array(size);
    this.creditedAmountMinor = new Array(size);
    this.currency = new Array(size);
  }

  private grow(): void {
    this.capacity *= 2;
    const widen = (from: Float64Array) => {
      const to = new Float64Array(this.capacity);
      to.set(from);
      return to;
    };
    this.touchAt = widen(this.touchAt);
    this.credit = widen(this.credit);
  }
}

/**
 * Credit rows of each outcome, in the outcomes' order, cut into batches of about `batchRows`
 * rows (an outcome's rows are never split). Outcome ids must be unique.
 */
export function* attributeBatches(
  outcomes: Iterable<Outcome>,
  index: TouchIndex,
  rules: AttributionRules,
  options: { batchRows?: number } = {},
): Generator<CreditBatch> {
  const batchRows = options.batchRows ?? 65_536;
  const engine = new AttributionEngine(index, rules);
  const sink = new BatchSink(rules.version, batchRows);
  for (const outcome of outcomes) {
    engine.credit(outcome, sink);
    if (sink.rows >= batchRows) yield sink.take();
  }
  if (sink.rows > 0) yield sink.take();
}

type TouchesOrIndex = readonly TouchRow[] | TouchIndex;

const isIndex = (touches: TouchesOrIndex): touches is TouchIndex => !Array.isArray(touches);

function toIndex(touches: TouchesOrIndex, contactAccounts?: ContactAccounts): TouchIndex {
  return isIndex(touches) ? touches : indexTouches(touches, contactAccounts);
}

/** Outcomes sorted by id, so results do not depend on input order; repeated ids are an error. */
function byOutcomeId(outcomes: readonly Outcome[]): Outcome[] {
  const sorted = [...outcomes].sort((a, b) =>
    a.outcomeId < b.outcomeId ? -1 : a.outcomeId > b.outcomeId ? 1 : 0,
  );
  for (let i = 1; i < sorted.length; i += 1) {
    if (sorted[i]!.outcomeId === sorted[i - 1]!.outcomeId) {
      throw new AttributionInputError(`outcome id ${sorted[i]!.outcomeId} appears more than once`);
    }
  }
  return sorted;
}

/**
 * Every credit row: by outcome id, then model (canonical order), then touch (time, id).
 * Touches may be given as rows or as an index built once for many calls.
 */
export function attribute(
  outcomes: readonly Outcome[],
  touches: TouchesOrIndex,
  rules: AttributionRules,
  contactAccounts?: ContactAccounts,
): CreditRow[] {
  const engine = new AttributionEngine(toIndex(touches, contactAccounts), rules);
  const rows: CreditRow[] = [];
  const sink: CreditSink = {
    row(outcome, touchEventId, touchAt, model, credit, amount) {
      rows.push({
        outcomeId: outcome.outcomeId,
        outcomeType: outcome.outcomeType,
        touchEventId,
        touchAt,
        model,
        credit,
        creditedAmountMinor: amount,
        currency: amount === null ? null : (outcome.currency ?? null),
        rulesVersion: rules.version,
      });
    },
  };
  for (const outcome of byOutcomeId(outcomes)) engine.credit(outcome, sink);
  return rows;
}

/** `influenced` / `sourced` per outcome, by outcome id. */
export function outcomeFlags(
  outcomes: readonly Outcome[],
  touches: TouchesOrIndex,
  rules: AttributionRules,
  contactAccounts?: ContactAccounts,
): OutcomeFlags[] {
  const engine = new AttributionEngine(toIndex(touches, contactAccounts), rules);
  return byOutcomeId(outcomes).map((outcome) => engine.flags(outcome));
}

/** The touches that count for one outcome after windows and dedupe, in canonical order. */
export function eligibleTouches<T extends TouchRow = Touch>(
  outcome: Outcome,
  touches: readonly T[],
  rules: AttributionRules,
  contactAccounts?: ContactAccounts,
): T[] {
  const index = indexTouches(touches, contactAccounts, { keepInputIndex: true });
  const positions = new AttributionEngine(index, rules).eligiblePositions(outcome);
  return Array.from(positions, (k) => touches[index.inputIndex![k]!]!);
}
