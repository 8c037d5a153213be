import { Allocator } from './allocate.js';
import type { AttributionModel, Outcome, OutcomeFlags, OutcomeType } from './model.js';
import { type AttributionRules, campaignGapMs, halfLifeMs, selectedModels, windowMs } from './rules.js';
import { KIND_CLICK, KIND_NAMES, type TouchIndex } from './touchIndex.js';
import {
  firstTouchWeights,
  lastTouchWeights,
  linearWeights,
  positionBasedWeights,
  timeDecayWeights,
  wShapedWeights,
} from './weights.js';

/** Receives credit rows one by one; `amountMinor` is null when the outcome has no amount. */
export interface CreditSink {
  row(
    outcome: Outcome,
    touchEventId: string,
    touchAt: number,
    model: AttributionModel,
    credit: number,
    amountMinor: number | null,
  ): void;
}

/** Window lengths of one outcome type, by touch kind code, and the longest of them. */
interface TypeWindows {
  byKind: Float64Array;
  longest: number;
}

/**
 * Attributes outcomes against one TouchIndex under one set of rules. Not re-entrant: it reuses
 * scratch buffers between outcomes so the hot loop allocates nothing per touch.
 */
export class AttributionEngine {
  readonly models: readonly AttributionModel[];
  private readonly windows = new Map<OutcomeType, TypeWindows>();
  private readonly halfLife: number;
  private readonly campaignGap: number;
  private readonly campaignSeen: Int32Array;
  private readonly campaignLastAt: Float64Array;
  private readonly allocator = new Allocator();
  private serial = 0;
  private eligible = new Int32Array(256);
  private eligibleAt = new Float64Array(256);
  private num = new Float64Array(256);
  private parts = new Float64Array(256);
  /** The eligible touches' ids, read once per outcome for all models. */
  private readonly eligibleIds: string[] = [];
  // The scope of the outcome being read: a slice of the contact layout or of the account order.
  private scopeStart = 0;
  private scopeEnd = 0;
  private scopeOrder: Int32Array | null = null;
  private scopePrevClick: Int32Array;

  constructor(
    readonly index: TouchIndex,
    readonly rules: AttributionRules,
  ) {
    this.models = selectedModels(rules);
    this.halfLife = halfLifeMs(rules);
    this.campaignGap = campaignGapMs(rules);
    this.campaignSeen = new Int32Array(index.campaignKeys);
    this.campaignLastAt = new Float64Array(index.campaignKeys);
    this.scopePrevClick = index.contactPrevClick;
    for (const outcomeType of Object.keys(rules.windows) as OutcomeType[]) {
      const byKind = Float64Array.from(KIND_NAMES, (kind) => windowMs(rules, outcomeType, kind));
      this.windows.set(outcomeType, { byKind, longest: Math.max(...byKind) });
    }
  }

  /**
   * Eligible touches of one outcome as positions in the index, in canonical order (the
   * returned view is valid until the next call).
   */
  eligiblePositions(outcome: Outcome): Int32Array {
    return this.eligible.subarray(0, this.scan(outcome));
  }

  /** Writes the outcome's credit rows to `sink`, models in canonical order; returns the row count. */
  credit(outcome: Outcome, sink: CreditSink): number {
    const n = this.scan(outcome);
    if (n === 0) return 0;
    const amount = outcome.amountMinor ?? null;
    const { at } = this.index;
    const eligible = this.eligible;
    const ids = this.eligibleIds;
    for (let i = 0; i < n; i += 1) ids[i] = this.index.touchEventId(eligible[i]!);
    let rows = 0;
    for (const model of this.models) {
      const den = this.weigh(model, outcome, n);
      const num = this.num;
      if (amount !== null) this.allocator.allocate(amount, num, den, n, this.parts);
      for (let i = 0; i < n; i += 1) {
        const weight = num[i]!;
        if (weight === 0) continue;
        sink.row(
          outcome,
          ids[i]!,
          at[eligible[i]!]!,
          model,
          weight / den,
          amount === null ? null : this.parts[i]!,
        );
        rows += 1;
      }
    }
    return rows;
  }

  /** `influenced` and `sourced` for one outcome. */
  flags(outcome: Outcome): OutcomeFlags {
    const eligibleTouches = this.scan(outcome);
    const createdAt = opportunityCreatedAt(outcome);
    let sourcingTouchEventId: string | null = null;
    if (createdAt !== null && this.enterScope(outcome)) {
      const k = this.firstEligible(createdAt, this.windowsOf('opportunity_created'));
      if (k >= 0) sourcingTouchEventId = this.index.touchEventId(k);
    }
    return {
      outcomeId: outcome.outcomeId,
      outcomeType: outcome.outcomeType,
      influenced: eligibleTouches > 0,
      eligibleTouches,
      sourced: createdAt === null ? null : sourcingTouchEventId !== null,
      sourcingTouchEventId,
      rulesVersion: this.rules.version,
    };
  }

  private weigh(model: AttributionModel, outcome: Outcome, n: number): number {
    const num = this.num;
    switch (model) {
      case 'first_touch':
        return firstTouchWeights(n, num);
      case 'last_touch':
        return lastTouchWeights(n, num);
      case 'linear':
        return linearWeights(n, num);
      case 'time_decay':
        return timeDecayWeights(n, this.eligibleAt, this.halfLife, num);
      case 'position_based':
        return positionBasedWeights(n, this.rules.positionBased, num);
      case 'w_shaped':
        return wShapedWeights(
          n,
          this.eligibleAt,
          {
            leadCreatedAt: outcome.milestones?.leadCreatedAt ?? null,
            opportunityCreatedAt: opportunityCreatedAt(outcome),
          },
          this.rules.wShaped,
          num,
        );
    }
  }

  private windowsOf(outcomeType: OutcomeType): TypeWindows {
    const windows = this.windows.get(outcomeType);
    if (windows === undefined) throw new Error(`no attribution window for outcome type ${outcomeType}`);
    return windows;
  }

  /**
   * Sets the scope to the outcome's touches. Account level: the account's touches (the
   * outcome's accountId, else its contact's account); with no account at all, the contact's.
   */
  private enterScope(outcome: Outcome): boolean {
    const index = this.index;
    if (outcome.level === 'account') {
      const accountId =
        outcome.accountId ??
        (outcome.contactId == null ? undefined : index.contactAccounts.get(outcome.contactId));
      if (accountId != null) {
        const a = index.accountIndex.get(accountId);
        if (a === undefined) return false;
        this.scopeStart = index.accountStart[a]!;
        this.scopeEnd = index.accountStart[a + 1]!;
        this.scopeOrder = index.accountOrder;
        this.scopePrevClick = index.accountPrevClick;
        return true;
      }
    }
    const c = outcome.contactId == null ? undefined : index.contactIndex.get(outcome.contactId);
    if (c === undefined) return false;
    this.scopeStart = index.contactStart[c]!;
    this.scopeEnd = index.contactStart[c + 1]!;
    this.scopeOrder = null;
    this.scopePrevClick = index.contactPrevClick;
    return true;
  }

  /** First slot in scope whose time is ≥ `time` (binary search). */
  private lowerBound(time: number): number {
    const { at } = this.index;
    const order = this.scopeOrder;
    let lo = this.scopeStart;
    let hi = this.scopeEnd;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[order === null ? mid : order[mid]!]! < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Fills `eligible` with the outcome's eligible touches and returns how many:
   * in the window of their kind (both ends included), minus repeated clicks on one message,
   * minus campaign touches less than the gap after the campaign's previous eligible touch.
   */
  private scan(outcome: Outcome): number {
    if (!this.enterScope(outcome)) return 0;
    const { at, kind, campaign } = this.index;
    const { byKind, longest } = this.windowsOf(outcome.outcomeType);
    const order = this.scopeOrder;
    const prevClick = this.scopePrevClick;
    const outcomeAt = outcome.at;
    const dedupeClicks = this.rules.dedupe.firstClickPerMessage;
    const gap = this.campaignGap;
    const seen = this.campaignSeen;
    const lastAt = this.campaignLastAt;
    if (this.serial === 0x7fff_ffff) {
      // Stamps are Int32: start over rather than let them wrap.
      this.campaignSeen.fill(0);
      this.serial = 0;
    }
    const serial = ++this.serial;
    this.ensureCapacity(this.scopeEnd - this.scopeStart);
    const eligible = this.eligible;
    const eligibleAt = this.eligibleAt;
    let n = 0;
    for (let slot = this.lowerBound(outcomeAt - longest); slot < this.scopeEnd; slot += 1) {
      const k = order === null ? slot : order[slot]!;
      const time = at[k]!;
      if (time > outcomeAt) break;
      const code = kind[k]!;
      const windowStart = outcomeAt - byKind[code]!;
      if (time < windowStart) continue;
      if (code === KIND_CLICK && dedupeClicks) {
        const before = prevClick[slot]!;
        if (before >= 0 && at[order === null ? before : order[before]!]! >= windowStart) continue;
      }
      const key = campaign[k]!;
      if (key >= 0 && gap > 0) {
        const repeat = seen[key] === serial && time - lastAt[key]! < gap;
        seen[key] = serial;
        lastAt[key] = time;
        if (repeat) continue;
      }
      eligible[n] = k;
      eligibleAt[n] = time;
      n += 1;
    }
    return n;
  }

  /** Position of the first touch in its kind's window ending at `time`, or -1 (scope already set). */
  private firstEligible(time: number, windows: TypeWindows): number {
    const { at, kind } = this.index;
    const order = this.scopeOrder;
    for (let slot = this.lowerBound(time - windows.longest); slot < this.scopeEnd; slot += 1) {
      const k = order === null ? slot : order[slot]!;
      if (at[k]! > time) break;
      if (at[k]! >= time - windows.byKind[kind[k]!]!) return k;
    }
    return -1;
  }

  private ensureCapacity(n: number): void {
    if (this.eligible.length >= n) return;
    const size = Math.max(n, this.eligible.length * 2);
    this.eligible = new Int32Array(size);
    this.eligibleAt = new Float64Array(size);
    this.num = new Float64Array(size);
    this.parts = new Float64Array(size);
  }
}

/** The opportunity's creation time: the CRM milestone, or the outcome itself for opportunity_created. */
export function opportunityCreatedAt(outcome: Outcome): number | null {
  return (
    outcome.milestones?.opportunityCreatedAt ??
    (outcome.outcomeType === 'opportunity_created' ? outcome.at : null)
  );
}
