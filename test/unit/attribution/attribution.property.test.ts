import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attribute, attributeBatches, outcomeFlags } from '../../../shared/attribution/attribute.js';
import {
  ATTRIBUTION_MODELS,
  type CreditRow,
  type Outcome,
  OutcomeTypeSchema,
  type Touch,
} from '../../../shared/attribution/model.js';
import {
  type AttributionRules,
  DEFAULT_ATTRIBUTION_RULES,
  parseAttributionRules,
} from '../../../shared/attribution/rules.js';
import { indexTouches } from '../../../shared/attribution/touchIndex.js';
import { DAY, HOUR, T0 } from './builders.js';
import { referenceAttribute } from './reference.js';

/**
 * Small random worlds — four contacts over two accounts (c4 has none), touches on the hour
 * (so ties and exact 24 h gaps happen) plus the window edges, campaigns and flow steps, shared
 * message ids, bots — and outcomes of every type and level, with amounts up to 2^53 − 1.
 */
type Drawn<A> = A extends fc.Arbitrary<infer T> ? T : never;

const ACCOUNTS = new Map([
  ['c1', 'acme'],
  ['c2', 'acme'],
  ['c3', 'globex'],
]);
const EDGES = [
  0,
  1,
  -1,
  -DAY,
  -DAY - 1,
  -7 * DAY,
  -7 * DAY - 1,
  -14 * DAY,
  -30 * DAY,
  -30 * DAY - 1,
  -90 * DAY,
  -90 * DAY - 1,
];

const offsetArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -100 * 24, max: 24 }).map((hours) => hours * HOUR) },
  { weight: 1, arbitrary: fc.constantFrom(...EDGES) },
);

const touchArb = fc.record({
  contactId: fc.constantFrom('c1', 'c2', 'c3', 'c4', null),
  accountId: fc.constantFrom(null, null, null, 'acme', 'globex'),
  channel: fc.constantFrom('sms' as const, 'email' as const),
  kind: fc.constantFrom('send' as const, 'click' as const, 'reply' as const),
  offset: offsetArb,
  campaign: fc.constantFrom(
    {},
    { campaignId: 'spring' },
    { campaignId: 'summer' },
    { workflowId: 'onboarding', step: 0 },
    { workflowId: 'onboarding', step: 1 },
  ),
  messageId: fc.constantFrom(null, 'm1', 'm2', 'm3'),
  bot: fc.constantFrom(false, false, false, true, null),
});

const amountArb = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -100_000, max: 10_000_000 }),
  fc.constantFrom(0, 1, Number.MAX_SAFE_INTEGER, 2 ** 40 + 1),
);

const outcomeArb = fc.record({
  outcomeType: fc.constantFrom(...OutcomeTypeSchema.options),
  level: fc.constantFrom('contact' as const, 'account' as const),
  contactId: fc.constantFrom('c1', 'c2', 'c3', 'c4', null),
  accountId: fc.constantFrom(null, null, 'acme', 'globex'),
  offset: fc.integer({ min: -10 * 24, max: 10 * 24 }).map((hours) => hours * HOUR),
  amountMinor: amountArb,
  currency: fc.constantFrom('USD', 'EUR', 'JPY'),
  lead: fc.option(offsetArb.map((offset) => offset - 20 * DAY)),
  opportunity: fc.option(offsetArb.map((offset) => offset - 5 * DAY)),
});

function toTouches(rows: Drawn<typeof touchArb>[], prefix = 'evt_'): Touch[] {
  // Ids unrelated to time order (7919 is prime to 10 000), so id tie-breaks are really exercised.
  return rows.map(({ offset, campaign, ...row }, i) => ({
    ...row,
    ...campaign,
    touchEventId: `${prefix}${String((i * 7919) % 10_000).padStart(4, '0')}`,
    at: T0 + offset,
  }));
}

function toOutcomes(rows: Drawn<typeof outcomeArb>[]): Outcome[] {
  return rows.map(({ offset, lead, opportunity, amountMinor, currency, ...row }, i) => ({
    ...row,
    outcomeId: `o${String(i).padStart(2, '0')}`,
    at: T0 + offset,
    amountMinor,
    // A currency may come without an amount (rows then carry neither).
    currency: amountMinor === null && i % 2 === 0 ? null : currency,
    milestones: {
      leadCreatedAt: lead === null ? null : T0 + lead,
      opportunityCreatedAt: opportunity === null ? null : T0 + opportunity,
    },
  }));
}

const worldArb = fc
  .record({
    touches: fc.array(touchArb, { maxLength: 40 }),
    outcomes: fc.array(outcomeArb, { minLength: 1, maxLength: 8 }),
  })
  .map(({ touches, outcomes }) => ({ touches: toTouches(touches), outcomes: toOutcomes(outcomes) }));

const rulesArb: fc.Arbitrary<AttributionRules> = fc
  .record({
    halfLifeDays: fc.constantFrom(0.5, 1, 7, 30),
    first: fc.integer({ min: 1, max: 60 }),
    last: fc.integer({ min: 1, max: 39 }),
    w: fc.constantFrom([30, 30, 30, 10], [25, 25, 25, 25], [40, 30, 30, 0], [1, 1, 1, 97]),
    firstClickPerMessage: fc.boolean(),
    campaignGapHours: fc.constantFrom(0, 1, 24, 72),
    orderSendDays: fc.constantFrom(1, 0.5, 3),
  })
  .map((r) =>
    parseAttributionRules({
      ...DEFAULT_ATTRIBUTION_RULES,
      timeDecay: { halfLifeDays: r.halfLifeDays },
      positionBased: { first: r.first, middle: 100 - r.first - r.last, last: r.last },
      wShaped: { first: r.w[0], lead: r.w[1], opportunity: r.w[2], others: r.w[3] },
      dedupe: { firstClickPerMessage: r.firstClickPerMessage, campaignGapHours: r.campaignGapHours },
      windows: { ...DEFAULT_ATTRIBUTION_RULES.windows, order: { days: 7, sendDays: r.orderSendDays } },
    }),
  );

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed >>> 0;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function groups(rows: CreditRow[]): Map<string, CreditRow[]> {
  const byKey = new Map<string, CreditRow[]>();
  for (const row of rows) {
    const key = `${row.outcomeId}|${row.model}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  return byKey;
}

describe('Properties: attribute', () => {
  it('agrees row for row with the plain transcription of RULES.md, under random rules', () => {
    fc.assert(
      fc.property(worldArb, rulesArb, ({ touches, outcomes }, rules) => {
        expect(attribute(outcomes, touches, rules, ACCOUNTS)).toEqual(
          referenceAttribute(outcomes, touches, rules, ACCOUNTS),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('gives every outcome credits summing to 1 under every model, or no rows at all', () => {
    fc.assert(
      fc.property(worldArb, ({ touches, outcomes }) => {
        const rows = attribute(outcomes, touches, DEFAULT_ATTRIBUTION_RULES, ACCOUNTS);
        const byKey = groups(rows);
        for (const o of outcomes) {
          const perModel = ATTRIBUTION_MODELS.map((model) => byKey.get(`${o.outcomeId}|${model}`) ?? []);
          const credited = perModel.filter((group) => group.length > 0).length;
          expect([0, ATTRIBUTION_MODELS.length]).toContain(credited);
          for (const group of perModel.filter((g) => g.length > 0)) {
            const sum = group.reduce((total, row) => total + row.credit, 0);
            expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
            for (const row of group) expect(row.credit > 0 && row.credit <= 1).toBe(true);
          }
        }
      }),
    );
  });

  it('splits every amount exactly: the parts of an outcome under a model sum to its amount, in its currency', () => {
    fc.assert(
      fc.property(worldArb, rulesArb, ({ touches, outcomes }, rules) => {
        const rows = attribute(outcomes, touches, rules, ACCOUNTS);
        for (const group of groups(rows).values()) {
          const o = outcomes.find((candidate) => candidate.outcomeId === group[0]!.outcomeId)!;
          if (o.amountMinor == null) {
            expect(group.every((row) => row.creditedAmountMinor === null && row.currency === null)).toBe(
              true,
            );
            continue;
          }
          const total = group.reduce((sum, row) => sum + BigInt(row.creditedAmountMinor!), 0n);
          expect(total).toBe(BigInt(o.amountMinor));
          expect(group.every((row) => row.currency === o.currency)).toBe(true);
          // Each part is within one unit of its exact share.
          for (const row of group)
            expect(Math.abs(row.creditedAmountMinor! - o.amountMinor * row.credit)).toBeLessThan(
              1 + Math.abs(o.amountMinor) * 1e-12,
            );
        }
      }),
    );
  });

  it('gives the same rows however touches and outcomes are ordered', () => {
    fc.assert(
      fc.property(worldArb, fc.integer(), ({ touches, outcomes }, seed) => {
        const rules = DEFAULT_ATTRIBUTION_RULES;
        const baseline = attribute(outcomes, touches, rules, ACCOUNTS);
        expect(
          attribute(shuffle(outcomes, seed), shuffle(touches, seed ^ 0x5f3759df), rules, ACCOUNTS),
        ).toEqual(baseline);
      }),
    );
  });

  it('ignores unrelated touches: other contacts and accounts, and any touch after every outcome', () => {
    fc.assert(
      fc.property(worldArb, fc.array(touchArb, { maxLength: 20 }), ({ touches, outcomes }, extra) => {
        const rules = DEFAULT_ATTRIBUTION_RULES;
        const baseline = attribute(outcomes, touches, rules, ACCOUNTS);
        // Strangers: contacts no outcome names, in an account no outcome has.
        const strangers = toTouches(extra, 'evt_x').map((t) => ({
          ...t,
          contactId: `z-${t.contactId}`,
          accountId: 'initech',
        }));
        // Latecomers: same contacts, one millisecond after the last outcome or later.
        const lastOutcome = Math.max(...outcomes.map((o) => o.at));
        const late = toTouches(extra, 'evt_y').map((t) => ({
          ...t,
          at: lastOutcome + 1 + Math.abs(t.at - T0),
        }));
        expect(attribute(outcomes, [...touches, ...strangers, ...late], rules, ACCOUNTS)).toEqual(baseline);
      }),
    );
  });

  it('streams the same rows in batches as attribute returns, and flags influence exactly where rows exist', () => {
    fc.assert(
      fc.property(worldArb, fc.integer({ min: 1, max: 7 }), ({ touches, outcomes }, batchRows) => {
        const rules = DEFAULT_ATTRIBUTION_RULES;
        const rows = attribute(outcomes, touches, rules, ACCOUNTS);
        const sorted = [...outcomes].sort((a, b) => (a.outcomeId < b.outcomeId ? -1 : 1));
        const streamed: CreditRow[] = [];
        for (const batch of attributeBatches(sorted, indexTouches(touches, ACCOUNTS), rules, { batchRows })) {
          for (let i = 0; i < batch.length; i += 1) {
            streamed.push({
              outcomeId: batch.outcomeId[i]!,
              outcomeType: batch.outcomeType[i]!,
              touchEventId: batch.touchEventId[i]!,
              touchAt: batch.touchAt[i]!,
              model: batch.model[i]!,
              credit: batch.credit[i]!,
              creditedAmountMinor: batch.creditedAmountMinor[i]!,
              currency: batch.currency[i]!,
              rulesVersion: batch.rulesVersion,
            });
          }
        }
        expect(streamed).toEqual(rows);
        for (const flags of outcomeFlags(outcomes, touches, rules, ACCOUNTS)) {
          const linear = rows.filter((row) => row.outcomeId === flags.outcomeId && row.model === 'linear');
          expect(flags.influenced).toBe(linear.length > 0);
          expect(flags.eligibleTouches).toBe(linear.length);
        }
      }),
    );
  });
});
