import { parseConfig } from '../../../shared/config/programConfig.js';
import type { ScorecardInputs, SendRecord, TouchIdentity } from '../../../shared/scorecards/inputs.js';
import { settingsFrom } from '../../../shared/scorecards/scorecards.js';

/**
 * A tiny world, written out record by record, whose scorecard the tests work out by hand.
 *
 * Program demo: flow `onb` (onboarding, steps 0 and 1) and campaign `sale` (promotion).
 * Ana (hA, contact cA, enterprise account, Los Angeles), Ben (hB, no CRM record), Cleo (hC).
 * - 2026-11-09 12:00 s4 campaign sale -> Cleo (1 segment), delivered 12:01
 * - 2026-11-10 10:00 s1 onb#0 personalized -> Ana (2 segments, no vendor price), delivered 10:01
 *   10:00 a holdout ghost for Dee (onb#0, suppressed)
 * - 10:05 s2 onb#0 generic -> Ben (1 segment, vendor price 9,000 micros USD), delivered 10:06
 * - 10:07 Ben's link preview bot clicks s2; 10:30 and 10:40 Ana clicks s1 (human, twice)
 * - 14:00 s3 onb#1 personalized -> Ana (no segment count), never delivered
 * - 15:00 Ana replies (belongs to s3, her latest message); 16:00 Ana orders: 100.00 USD, margin
 *   40.00, discount 10.00, credited linear 1/3 each to s1's delivery, her click, her reply
 * - 20:00 Ben replies (belongs to s2): a complaint alert, claimed 20:30; 20:01 Ben texts STOP
 * - 21:00 Ben books a meeting, credited 1 to s2's delivery
 * - 2026-11-10 09:00 Cleo clicks s4 (a day after it was sent)
 * Costs: USD 0.0079 per US segment; platform 300.00 a month (November: 10.00 = 1,000 cents a
 * day); labor for demo 3 h x 10.00 = 30.00 a month (100 cents a day).
 */
export const DT = '2026-11-10';
const at = (iso: string) => Date.parse(iso);

export const CONFIG = parseConfig({
  version: 1,
  programs: {
    demo: {
      name: 'Demo',
      from: '+14155550199',
      consent: { required: 'opt_in' },
      helpText: 'help',
      workflows: { onb: { category: 'onboarding' } },
      campaigns: { sale: { category: 'promotion' } },
    },
  },
  fees: { currency: 'USD', smsPerSegmentMicros: { US: 7900, DEFAULT: 50000 }, mmsPerMessageMicros: {} },
  costs: {
    smsCountry: 'US',
    platformMonthlyMinor: 30000,
    labor: { demo: { hoursPerMonth: 3, hourlyRateMinor: 1000 } },
  },
});
export const SETTINGS = settingsFrom(CONFIG);

const flow = (step: number, variant: string): TouchIdentity => ({
  programId: 'demo',
  kind: 'flow',
  campaignId: null,
  workflowId: 'onb',
  step,
  variant,
});
const sale: TouchIdentity = {
  programId: 'demo',
  kind: 'campaign',
  campaignId: 'sale',
  workflowId: null,
  step: null,
  variant: null,
};

function send(
  eventId: string,
  iso: string,
  address: string,
  contactId: string | null,
  touch: TouchIdentity,
  cost: { segments: number | null; priceMicros?: number },
): SendRecord {
  return {
    eventId,
    messageId: `m-${eventId}`,
    at: at(iso),
    channel: 'sms',
    address,
    contactId,
    accountId: null,
    segments: cost.segments,
    priceMicros: cost.priceMicros ?? null,
    priceCurrency: cost.priceMicros === undefined ? null : 'USD',
    ...touch,
  };
}

export function tinyWorld(): ScorecardInputs {
  const sends = [
    send('s4', '2026-11-09T12:00:00Z', 'hC', null, sale, { segments: 1 }),
    send('s1', '2026-11-10T10:00:00Z', 'hA', 'cA', flow(0, 'personalized'), { segments: 2 }),
    send('s2', '2026-11-10T10:05:00Z', 'hB', null, flow(0, 'generic'), { segments: 1, priceMicros: 9000 }),
    send('s3', '2026-11-10T14:00:00Z', 'hA', 'cA', flow(1, 'personalized'), { segments: null }),
  ];
  return {
    sends,
    decisions: [
      ...sends.map((s) => ({ ...s, decision: 'allow' as const })),
      { eventId: 'ghost-dee', at: at('2026-11-10T10:00:00Z'), decision: 'suppress', ...flow(0, 'generic') },
    ],
    deliveries: [
      { eventId: 'd4', messageId: 'm-s4', at: at('2026-11-09T12:01:00Z') },
      { eventId: 'd1', messageId: 'm-s1', at: at('2026-11-10T10:01:00Z') },
      { eventId: 'd2', messageId: 'm-s2', at: at('2026-11-10T10:06:00Z') },
    ],
    clicks: [
      {
        eventId: 'k-bot',
        messageId: 'm-s2',
        at: at('2026-11-10T10:07:00Z'),
        bot: true,
        destination: 'https://shop.example/p',
      },
      {
        eventId: 'k1',
        messageId: 'm-s1',
        at: at('2026-11-10T10:30:00Z'),
        bot: false,
        destination: 'https://shop.example/p?u=1',
      },
      {
        eventId: 'k2',
        messageId: 'm-s1',
        at: at('2026-11-10T10:40:00Z'),
        bot: false,
        destination: 'https://shop.example/p?u=2',
      },
      {
        eventId: 'k4',
        messageId: 'm-s4',
        at: at('2026-11-10T09:00:00Z'),
        bot: false,
        destination: 'https://shop.example/sale',
      },
    ],
    replies: [
      { eventId: 'r-ana', at: at('2026-11-10T15:00:00Z'), channel: 'sms', address: 'hA' },
      { eventId: 'r-ben', at: at('2026-11-10T20:00:00Z'), channel: 'sms', address: 'hB' },
    ],
    optOuts: [{ eventId: 'stop-ben', at: at('2026-11-10T20:01:00Z'), channel: 'sms', address: 'hB' }],
    replyAlerts: [{ alertId: 'al-ben', sourceEventId: 'r-ben', intent: 'complaint' }],
    alertResponses: [
      { eventId: 'claim-ben', alertId: 'al-ben', at: at('2026-11-10T20:30:00Z'), response: 'claimed' },
    ],
    credits: [
      {
        outcomeId: 'o1',
        outcomeType: 'order',
        outcomeAt: at('2026-11-10T16:00:00Z'),
        touchEventId: 'd1',
        touchKind: 'send',
        credit: 1 / 3,
      },
      {
        outcomeId: 'o1',
        outcomeType: 'order',
        outcomeAt: at('2026-11-10T16:00:00Z'),
        touchEventId: 'k1',
        touchKind: 'click',
        credit: 1 / 3,
      },
      {
        outcomeId: 'o1',
        outcomeType: 'order',
        outcomeAt: at('2026-11-10T16:00:00Z'),
        touchEventId: 'r-ana',
        touchKind: 'reply',
        credit: 1 / 3,
      },
      {
        outcomeId: 'o2',
        outcomeType: 'meeting_booked',
        outcomeAt: at('2026-11-10T21:00:00Z'),
        touchEventId: 'd2',
        touchKind: 'send',
        credit: 1,
      },
    ],
    outcomes: [
      {
        outcomeId: 'o1',
        outcomeType: 'order',
        amountMinor: 10000,
        currency: 'USD',
        marginMinor: 4000,
        discountMinor: 1000,
      },
      {
        outcomeId: 'o2',
        outcomeType: 'meeting_booked',
        amountMinor: null,
        currency: null,
        marginMinor: null,
        discountMinor: 0,
      },
    ],
    profiles: new Map([['cA', { timeZone: 'America/Los_Angeles', tier: 'enterprise', stage: null }]]),
    firstDay: '2026-11-09',
  };
}

/** Every list given twice: the same event ids again. */
export function doubled(world: ScorecardInputs): ScorecardInputs {
  const twice = <T>(list: T[]) => [...list, ...list.map((item) => structuredClone(item))];
  return {
    ...world,
    sends: twice(world.sends),
    decisions: twice(world.decisions),
    deliveries: twice(world.deliveries),
    clicks: twice(world.clicks),
    replies: twice(world.replies),
    optOuts: twice(world.optOuts),
    alertResponses: twice(world.alertResponses),
    credits: twice(world.credits),
    outcomes: twice(world.outcomes),
  };
}
