/**
 * What the scorecard core takes: plain records read from the lake (shared/scorecards/job/
 * lakeInputs.ts), times as epoch milliseconds. Every record carries its event id; the core drops
 * repeats of an id, so a duplicated delivery changes nothing.
 */

/** Who a touch is about: the message, its campaign or workflow, step and variant. */
export interface TouchIdentity {
  programId: string | null;
  kind: 'campaign' | 'flow' | null;
  campaignId: string | null;
  workflowId: string | null;
  step: number | null;
  variant: string | null;
}

/** A message the vendor accepted (message.sent, email.sent). */
export interface SendRecord extends TouchIdentity {
  eventId: string;
  messageId: string;
  at: number;
  channel: 'sms' | 'email';
  /** Hashed address (phone for SMS, email for email); the contact id when there is no hash. */
  address: string;
  contactId: string | null;
  accountId: string | null;
  segments: number | null;
  priceMicros: number | null;
  priceCurrency: string | null;
}

/**
 * A send-gate decision (send_decisions): allow or suppress. Deferrals are not decisions yet. The
 * lake reader folds the decisions of one UTC day and identity into one record with a `count`
 * (periods are whole days, so nothing is lost) and an id naming the fold.
 */
export interface DecisionRecord extends TouchIdentity {
  eventId: string;
  at: number;
  decision: 'allow' | 'suppress';
  /** Decisions this record stands for. @default 1 */
  count?: number;
}

export interface DeliveryRecord {
  eventId: string;
  messageId: string;
  at: number;
}

export interface ClickRecord {
  eventId: string;
  messageId: string;
  at: number;
  bot: boolean;
  destination: string | null;
}

/** An inbound message (reply) or an opt-out: carries no campaign, only the address. */
export interface AddressEventRecord {
  eventId: string;
  at: number;
  channel: 'sms' | 'email';
  address: string;
}

/** An intent alert raised by a reply or click, and when a person first resolved it. */
export interface ReplyAlertRecord {
  alertId: string;
  sourceEventId: string;
  intent: string;
}
export interface AlertResponseRecord {
  eventId: string;
  alertId: string;
  at: number;
  /** claimed, snoozed or dismissed: claimed and dismissed resolve it. */
  response: 'claimed' | 'snoozed' | 'dismissed';
}

/** One attribution credit (attribution_credits, one model) on a touch event. */
export interface CreditRecord {
  outcomeId: string;
  outcomeType: string;
  outcomeAt: number;
  touchEventId: string;
  touchKind: 'send' | 'click' | 'reply';
  credit: number;
}

/** An outcome's money (pipeline_outcomes, plus an order's margin and discount from events). */
export interface OutcomeRecord {
  outcomeId: string;
  outcomeType: string;
  amountMinor: number | null;
  currency: string | null;
  marginMinor: number | null;
  discountMinor: number;
}

/** What the CRM says about a contact, for local time and engagement weights. */
export interface ContactProfile {
  timeZone: string | null;
  tier: string | null;
  stage: string | null;
}

export interface ScorecardInputs {
  sends: SendRecord[];
  decisions: DecisionRecord[];
  deliveries: DeliveryRecord[];
  clicks: ClickRecord[];
  replies: AddressEventRecord[];
  optOuts: AddressEventRecord[];
  replyAlerts: ReplyAlertRecord[];
  alertResponses: AlertResponseRecord[];
  credits: CreditRecord[];
  outcomes: OutcomeRecord[];
  /** By contact id. */
  profiles: Map<string, ContactProfile>;
  /** The first UTC day with data (period_start of to_date rows). */
  firstDay?: string;
}
