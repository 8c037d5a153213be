import type { AttributionModel, CreditRow, Outcome, Touch } from '../../../shared/attribution/model.js';
import type { AttributionRules } from '../../../shared/attribution/rules.js';

/**
 * RULES.md transcribed as plainly as possible — objects, filters, sorts, BigInt for every
 * amount — with none of the engine's indexes, typed arrays or shortcuts. The property tests
 * hold the engine to it; the SQL twin can be read side by side with it.
 */
const DAY = 86_400_000;
const MODELS: AttributionModel[] = [
  'first_touch',
  'last_touch',
  'linear',
  'time_decay',
  'position_based',
  'w_shaped',
];

const canonical = (a: Touch, b: Touch) =>
  a.at - b.at || (a.touchEventId < b.touchEventId ? -1 : a.touchEventId > b.touchEventId ? 1 : 0);

function windowOf(rules: AttributionRules, outcome: Outcome, kind: Touch['kind']): number {
  const w = rules.windows[outcome.outcomeType];
  const days = { send: w.sendDays, click: w.clickDays, reply: w.replyDays }[kind] ?? w.days;
  return Math.round(days * DAY);
}

function inScope(outcome: Outcome, t: Touch, accounts: ReadonlyMap<string, string>): boolean {
  if (t.bot === true || (t.contactId == null && t.accountId == null)) return false;
  const outcomeAccount =
    outcome.accountId ?? (outcome.contactId == null ? undefined : accounts.get(outcome.contactId));
  if (outcome.level === 'account' && outcomeAccount != null) {
    const touchAccount = t.accountId ?? (t.contactId == null ? undefined : accounts.get(t.contactId));
    return touchAccount === outcomeAccount;
  }
  return outcome.contactId != null && t.contactId === outcome.contactId;
}

export function referenceEligible(
  outcome: Outcome,
  touches: readonly Touch[],
  rules: AttributionRules,
  accounts: ReadonlyMap<string, string>,
): Touch[] {
  const candidates = touches
    .filter((t) => inScope(outcome, t, accounts))
    .filter((t) => t.at <= outcome.at && t.at >= outcome.at - windowOf(rules, outcome, t.kind))
    .sort(canonical);
  const seenClicks = new Set<string>();
  const afterClicks = candidates.filter((t) => {
    if (!rules.dedupe.firstClickPerMessage || t.kind !== 'click' || t.messageId == null) return true;
    const key = JSON.stringify([t.contactId ?? null, t.messageId]);
    if (seenClicks.has(key)) return false;
    seenClicks.add(key);
    return true;
  });
  const gap = Math.round(rules.dedupe.campaignGapHours * 3_600_000);
  const previousAt = new Map<string, number>();
  return afterClicks.filter((t) => {
    const key =
      t.campaignId != null
        ? `c:${t.campaignId}`
        : t.workflowId != null
          ? `w:${t.workflowId}#${t.step ?? -1}`
          : null;
    if (key === null || gap === 0) return true;
    const previous = previousAt.get(key);
    previousAt.set(key, t.at);
    return previous === undefined || t.at - previous >= gap;
  });
}

function lastAtOrBefore(touches: Touch[], time: number | null | undefined): number {
  if (time == null) return -1;
  let index = -1;
  touches.forEach((t, i) => {
    if (t.at <= time) index = i;
  });
  return index;
}

function weights(model: AttributionModel, outcome: Outcome, e: Touch[], rules: AttributionRules): bigint[] {
  const n = e.length;
  switch (model) {
    case 'first_touch':
      return e.map((_, i) => (i === 0 ? 1n : 0n));
    case 'last_touch':
      return e.map((_, i) => (i === n - 1 ? 1n : 0n));
    case 'linear':
      return e.map(() => 1n);
    case 'time_decay': {
      const halfLife = Math.round(rules.timeDecay.halfLifeDays * DAY);
      const newest = e[n - 1]!.at;
      return e.map((t) =>
        BigInt(Math.max(1, Math.floor(2 ** 24 * 2 ** (-(newest - t.at) / halfLife) + 0.5))),
      );
    }
    case 'position_based': {
      const { first, middle, last } = rules.positionBased;
      if (n === 1) return [1n];
      if (n === 2) return [BigInt(first), BigInt(last)];
      return e.map((_, i) => BigInt(i === 0 ? first * (n - 2) : i === n - 1 ? last * (n - 2) : middle));
    }
    case 'w_shaped': {
      const w = rules.wShaped;
      const roles = e.map(() => 0);
      roles[0] = w.first;
      const lead = lastAtOrBefore(e, outcome.milestones?.leadCreatedAt);
      if (lead >= 0) {
        roles[lead]! += w.lead;
      }
      const created =
        outcome.milestones?.opportunityCreatedAt ??
        (outcome.outcomeType === 'opportunity_created' ? outcome.at : null);
      const opportunity = lastAtOrBefore(e, created);
      if (opportunity >= 0) {
        roles[opportunity]! += w.opportunity;
      }
      // den = Σ num, which is R for roles only and m × (R + others) otherwise (RULES.md).
      const m = roles.filter((r) => r === 0).length;
      if (m === 0 || w.others === 0) return roles.map(BigInt);
      return roles.map((r) => BigInt(r === 0 ? w.others : r * m));
    }
  }
}

function split(amount: number, num: bigint[]): number[] {
  const den = num.reduce((a, b) => a + b, 0n);
  const total = BigInt(Math.abs(amount));
  const q = num.map((x) => (total * x) / den);
  const r = num.map((x, i) => total * x - q[i]! * den);
  let left = total - q.reduce((a, b) => a + b, 0n);
  const rank = num.map((_, i) => i).sort((a, b) => (r[a]! > r[b]! ? -1 : r[a]! < r[b]! ? 1 : a - b));
  for (const i of rank) {
    if (left === 0n) break;
    q[i]! += 1n;
    left -= 1n;
  }
  return q.map((x) => (amount < 0 ? 0 - Number(x) : Number(x)));
}

export function referenceAttribute(
  outcomes: readonly Outcome[],
  touches: readonly Touch[],
  rules: AttributionRules,
  accounts: ReadonlyMap<string, string> = new Map(),
): CreditRow[] {
  const rows: CreditRow[] = [];
  const sorted = [...outcomes].sort((a, b) => (a.outcomeId < b.outcomeId ? -1 : 1));
  for (const outcome of sorted) {
    const e = referenceEligible(outcome, touches, rules, accounts);
    if (e.length === 0) continue;
    for (const model of MODELS.filter((m) => rules.models.includes(m))) {
      const num = weights(model, outcome, e, rules);
      const den = num.reduce((a, b) => a + b, 0n);
      const parts = outcome.amountMinor == null ? null : split(outcome.amountMinor, num);
      e.forEach((t, i) => {
        if (num[i] === 0n) return;
        rows.push({
          outcomeId: outcome.outcomeId,
          outcomeType: outcome.outcomeType,
          touchEventId: t.touchEventId,
          touchAt: t.at,
          model,
          credit: Number(num[i]) / Number(den),
          creditedAmountMinor: parts === null ? null : parts[i]!,
          currency: parts === null ? null : (outcome.currency ?? null),
          rulesVersion: rules.version,
        });
      });
    }
  }
  return rows;
}
