/**
 * What the simulated world runs and the truth planted in it: one journey per workflow or
 * campaign of config/example.json (programs `lifecycle`, `commerce`, `newsletter`). Every
 * contact follows exactly one journey, so a journey's outcomes are caused by its own planted
 * effect only and its truth is clean. Effects are absolute lifts in conversion probability
 * (treated minus holdout); variants scale the effect (personalized x1.25, generic x0.75, so a
 * 50/50 split averages to the journey's effect).
 */

export type JourneyCategory =
  | 'reminder'
  | 'follow_up_nudge'
  | 'onboarding'
  | 'renewal'
  | 'win_back'
  | 'cart_recovery';

/** The outcome a journey exists to cause, and the CRM/commerce event that records it. */
export type OutcomeKind = 'order' | 'meeting_booked' | 'meeting_attended' | 'lead_qualified' | 'renewal';

export const OUTCOME_EVENT_TYPES: Record<OutcomeKind, string> = {
  order: 'order.placed',
  meeting_booked: 'meeting.booked',
  meeting_attended: 'meeting.attended',
  lead_qualified: 'lead.qualified',
  renewal: 'subscription.renewed',
};

export type Variant = 'personalized' | 'generic';
export const VARIANTS: readonly Variant[] = ['personalized', 'generic'];
export const VARIANT_EFFECT: Record<Variant, number> = { personalized: 1.25, generic: 0.75 };

export interface JourneySpec {
  /** The workflow or campaign id in config (`workflowId` / `campaignId` of every send). */
  id: string;
  kind: 'flow' | 'campaign';
  programId: string;
  category: JourneyCategory;
  /** Share of contacts that follow this journey (relative weight). */
  weight: number;
  /** Day offset of each step from enrollment; step numbers are 0-based (the lake's `step`). */
  stepDays: readonly number[];
  /** Campaigns (and the newsletter flow) enroll everyone on one day; flows spread enrollment. */
  fixedEnrollDay?: number;
  outcome: OutcomeKind;
  /** Holdout conversion probability for an average contact (propensity 1). */
  baseRate: number;
  /** Planted absolute lift on conversion probability for treated contacts. */
  effect: number;
  /** Outcomes happen within this many days of the first exposure. */
  windowDays: number;
  /** Per delivered message. */
  clickRate: number;
  replyRate: number;
  /** Per delivered message, before fatigue: see optOutProbability. */
  optOutBase: number;
  /** Mean order / renewal value, minor units; 0 for outcomes without money. */
  meanValueMinor: number;
  /** Gross margin as a share of revenue. */
  marginShare: number;
  /** Share of the order given as discount to treated converters (the SMS carries a code). */
  discountShare: number;
  /** The link in the message. */
  destination: string;
  text: string;
}

export const SIM_JOURNEYS: readonly JourneySpec[] = [
  {
    id: 'appointment-reminder',
    kind: 'flow',
    programId: 'lifecycle',
    category: 'reminder',
    weight: 10,
    stepDays: [0, 2],
    outcome: 'meeting_attended',
    baseRate: 0.55,
    effect: 0.12,
    windowDays: 3,
    clickRate: 0.18,
    replyRate: 0.06,
    optOutBase: 0.004,
    meanValueMinor: 0,
    marginShare: 0,
    discountShare: 0,
    destination: 'https://book.acme.example/appointments/confirm',
    text: 'your appointment is coming up. Confirm or reschedule:',
  },
  {
    id: 'sales-follow-up',
    kind: 'flow',
    programId: 'lifecycle',
    category: 'follow_up_nudge',
    weight: 12,
    stepDays: [0, 2, 5],
    outcome: 'meeting_booked',
    baseRate: 0.06,
    effect: 0.04,
    windowDays: 5,
    clickRate: 0.1,
    replyRate: 0.05,
    optOutBase: 0.008,
    meanValueMinor: 0,
    marginShare: 0,
    discountShare: 0,
    destination: 'https://acme.example/book-a-demo',
    text: 'following up on your demo request. Pick a time:',
  },
  {
    id: 'welcome-series',
    kind: 'flow',
    programId: 'lifecycle',
    category: 'onboarding',
    weight: 12,
    stepDays: [0, 1, 3, 7],
    outcome: 'lead_qualified',
    baseRate: 0.1,
    effect: 0.05,
    windowDays: 5,
    clickRate: 0.12,
    replyRate: 0.02,
    optOutBase: 0.006,
    meanValueMinor: 0,
    marginShare: 0,
    discountShare: 0,
    destination: 'https://acme.example/getting-started',
    text: 'welcome to Acme! Your setup guide:',
  },
  {
    id: 'renewal-notice',
    kind: 'flow',
    programId: 'lifecycle',
    category: 'renewal',
    weight: 10,
    stepDays: [0, 5, 10],
    outcome: 'renewal',
    baseRate: 0.7,
    effect: 0.08,
    windowDays: 5,
    clickRate: 0.14,
    replyRate: 0.04,
    optOutBase: 0.005,
    meanValueMinor: 240_000,
    marginShare: 0.8,
    discountShare: 0,
    destination: 'https://acme.example/account/renew',
    text: 'your plan renews soon. Review it here:',
  },
  {
    id: 'renewal-drive',
    kind: 'campaign',
    programId: 'lifecycle',
    category: 'renewal',
    weight: 6,
    stepDays: [0],
    fixedEnrollDay: 9,
    outcome: 'renewal',
    baseRate: 0.65,
    effect: 0.03,
    windowDays: 5,
    clickRate: 0.08,
    replyRate: 0.02,
    optOutBase: 0.01,
    meanValueMinor: 180_000,
    marginShare: 0.8,
    discountShare: 0,
    destination: 'https://acme.example/renew-early',
    text: 'renew early and keep your price:',
  },
  {
    id: 'cart-recovery',
    kind: 'flow',
    programId: 'commerce',
    category: 'cart_recovery',
    weight: 20,
    stepDays: [0, 1, 3],
    outcome: 'order',
    baseRate: 0.08,
    effect: 0.06,
    windowDays: 4,
    clickRate: 0.2,
    replyRate: 0.015,
    optOutBase: 0.01,
    meanValueMinor: 8_500,
    marginShare: 0.45,
    discountShare: 0.1,
    destination: 'https://shop.acme.example/cart',
    text: 'you left something in your cart. 10% off with code SAVE10:',
  },
  {
    id: 'win-back',
    kind: 'flow',
    programId: 'commerce',
    category: 'win_back',
    weight: 12,
    stepDays: [0, 7],
    outcome: 'order',
    baseRate: 0.03,
    effect: 0.02,
    windowDays: 5,
    clickRate: 0.07,
    replyRate: 0.01,
    optOutBase: 0.02,
    meanValueMinor: 6_000,
    marginShare: 0.45,
    discountShare: 0.15,
    destination: 'https://shop.acme.example/new-arrivals',
    text: 'we miss you. 15% off your next order:',
  },
  {
    id: 'come-back-offer',
    kind: 'campaign',
    programId: 'commerce',
    category: 'win_back',
    weight: 8,
    stepDays: [0],
    fixedEnrollDay: 3,
    outcome: 'order',
    baseRate: 0.03,
    effect: 0.01,
    windowDays: 5,
    clickRate: 0.05,
    replyRate: 0.01,
    optOutBase: 0.025,
    meanValueMinor: 5_500,
    marginShare: 0.45,
    discountShare: 0.2,
    destination: 'https://shop.acme.example/sale',
    text: 'one week only: 20% off everything:',
  },
  {
    id: 'digest-text',
    kind: 'flow',
    programId: 'newsletter',
    category: 'follow_up_nudge',
    weight: 10,
    // The day after the first and the third weekly digest email (days 0, 7, 14, 21).
    stepDays: [1, 15],
    fixedEnrollDay: 0,
    outcome: 'order',
    baseRate: 0.04,
    effect: 0.02,
    windowDays: 5,
    clickRate: 0.09,
    replyRate: 0.01,
    optOutBase: 0.008,
    meanValueMinor: 7_000,
    marginShare: 0.45,
    discountShare: 0,
    destination: 'https://shop.acme.example/this-week',
    text: "this week's picks from our digest:",
  },
];

/** The email program whose recipients are the `digest-text` journey (email-only vs email+SMS). */
export const EMAIL_PROGRAM = {
  programId: 'newsletter',
  campaignId: 'weekly-digest',
  journeyId: 'digest-text',
  /** Days (from the world's start) a digest goes out, at 15:00 UTC. */
  days: [0, 7, 14, 21, 28],
  openRate: 0.35,
  clickRate: 0.06,
  /** Apple Mail Privacy Protection opens (machine opens). */
  machineOpenRate: 0.2,
  destination: 'https://shop.acme.example/this-week',
} as const;

/** Fatigue: each message received in the last 30 days raises the opt-out chance by this share. */
export const FATIGUE_PER_MESSAGE = 0.6;

/** Chance that a delivered message's opt-out reply happens: rises with recent frequency. */
export function optOutProbability(journey: JourneySpec, receivedLast30Days: number): number {
  return Math.min(0.5, journey.optOutBase * (1 + FATIGUE_PER_MESSAGE * receivedLast30Days));
}

/** Reply intents the world writes, with the text a contact sends (none is an opt-out). */
export const REPLY_INTENTS = [
  {
    intent: 'meeting_request',
    weight: 3,
    texts: ['Can we set up a call Thursday afternoon?', 'Could we meet next week to go over this?'],
  },
  {
    intent: 'pricing',
    weight: 3,
    texts: ['How much is the premium plan?', 'What does it cost for 20 seats?'],
  },
  { intent: 'ready_to_buy', weight: 1, texts: ['Ready to go ahead, send me the contract'] },
  { intent: 'purchase_blocker', weight: 1, texts: ['Our legal team needs the security docs before we sign'] },
  {
    intent: 'complaint',
    weight: 2,
    texts: [
      'I was charged twice and support never answered',
      'The delivery was late again, very disappointed',
    ],
  },
  { intent: 'other', weight: 4, texts: ['Thanks, got it', 'ok', 'Sounds good, thanks'] },
] as const;

export type ReplyIntent = (typeof REPLY_INTENTS)[number]['intent'];

/** Opt-out words contacts use (all are carrier-standard keywords). */
export const OPT_OUT_TEXTS = ['STOP', 'Stop', 'STOP ', 'unsubscribe', 'STOPALL'] as const;

/** Delivery failures the carrier reports (Twilio error codes; none is a carrier opt-out). */
export const DELIVERY_FAILURE_CODES = ['30003', '30005', '30006', '30008'] as const;

/** Human clicks come from phones' browsers; these agents never match the click classifier. */
export const HUMAN_USER_AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36',
] as const;

/** Link-preview scanners; the click classifier flags each of these agents deterministically. */
export const BOT_USER_AGENTS = [
  'facebookexternalhit/1.1 Facebot Twitterbot/1.0',
  'Mozilla/5.0 (compatible; Barracuda Sentinel)',
  'WhatsApp/2.23.20.0',
] as const;
