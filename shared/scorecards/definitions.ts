/**
 * What every scorecard number means. The version travels on every row (definitions_version);
 * change a definition, change the version. The report prints DEFINITIONS as is.
 */
export const DEFINITIONS_VERSION = 'scorecards-2026.1';

export const PERIODS = ['day', '7d', '28d', '90d', 'to_date'] as const;
export type Period = (typeof PERIODS)[number];

/** Days a period covers, ending with dt; to_date has no start. */
export const PERIOD_DAYS: Record<Period, number | null> = {
  day: 1,
  '7d': 7,
  '28d': 28,
  '90d': 90,
  to_date: null,
};

export const LEVELS = [
  'campaign',
  'flow',
  'step',
  'category',
  'variant',
  'channel_mix',
  'send_hour',
  'weekday',
  'link_destination',
  'two_way',
  'account_tier',
  'fatigue',
] as const;
export type Level = (typeof LEVELS)[number];

/** Messages a recipient got in the 30 days up to and including a send, as fatigue buckets. */
export const FATIGUE_DAYS = 30;
export function fatigueBucket(messages: number): string {
  if (messages <= 5) return String(messages);
  return messages <= 9 ? '6-9' : '10+';
}

export const DEFINITIONS = `Scorecard definitions (${DEFINITIONS_VERSION})
- Cohort: a row for period P as of day dt covers the messages SENT in P (UTC days; day, 7d, 28d, 90d end with dt,
  to_date is everything up to dt) and counts what followed them (deliveries, clicks, replies, opt-outs, conversions)
  up to the end of dt. A later dt sees more of what followed; a past row never changes unless late events arrive.
- Eligible: send-gate decisions in P, allowed and suppressed (holdout ghost exposures, caps, quiet hours, consent,
  collision) alike. Sends: messages the vendor accepted. Recipients: unique hashed addresses of those sends.
- Delivered: sends with a delivery receipt; delivery rate = delivered / sends.
- Unique clickers: recipients with at least one click not flagged as a bot or link preview. CTR = unique clickers / recipients.
- Replies and opt-outs carry no campaign: each belongs to the latest message sent to the same address at most
  scorecards.replyWindowHours (default 168 h = 7 days) before it; none in that window, it belongs to no message.
  Reply rate = unique repliers / recipients. Opt-outs are consent.changed opt-outs of the channel; opt-out rate =
  unique opted-out recipients / recipients. Complaints: replies the intent classifier labelled complaint.
- Conversions: distinct qualified outcomes (scorecards.qualifiedOutcomes) with credit, under the configured
  attribution model, on a touch of these messages (its delivery, a human click on it, or a reply that belongs to it).
  Converters: recipients with at least one of them. Conversion rate = converters / recipients (a share of people:
  one recipient can bring several outcomes, and an account-level deal counts for every touched recipient).
- Revenue: the credited share of orders, won deals, renewals and expansions (credit x amount, in the scorecard
  currency; other currencies converted with attribution.currencyRates, else left out). RPR = revenue / recipients.
- Profit: credited share of (margin - discount): the order's margin when reported, else amount x
  costs.defaultMarginRate. The discount is the incentive cost, counted here once. Profit per recipient = profit / recipients.
- Program cost: vendor fees (the vendor's price, else billed segments x fees.smsPerSegmentMicros of the
  destination country, a record without a segment count priced as one segment; MMS per message) + platform and
  tooling per month spread over the days of the month and each day's over its messages + labor (hours x rate per
  program per month) spread over the program's messages of the day. Cost per outcome = cost / conversions.
- Attributed ROI = (attributed profit - program cost) / program cost: attributed (not incremental). Holdout lift
  (lift_results) says what messaging caused; this says what it is credited with.
- Pipeline influenced: full amount of created opportunities with credit on these messages; revenue influenced:
  full amount of won deals and orders with credit on them (not split: several messages can influence one deal).
- Time to next step: median hours from a flow message to the same recipient's next step of that workflow.
- Two-way: reply-to-resolution = replies whose intent alert a person claimed or dismissed / replies that raised an
  alert; reply-to-conversion = repliers who converted / repliers.
- Engagement score: per recipient, points for a human click, a reply and a conversion (scorecards.engagement.points)
  x the weight of the account tier x the weight of the account's latest deal stage; summed and divided by recipients.
- Send hour and weekday: in the recipient's local time when the CRM gave a time zone, else UTC.
- Fatigue: messages are bucketed by how many messages their recipient got in the ${FATIGUE_DAYS} days up to and
  including it (1, 2, 3, 4, 5, 6-9, 10+); opt-out rate per bucket is the fatigue curve.
- Link destination (post-click): human clicks on the messages sent in P, by destination (scheme, host, path; query
  dropped): unique clickers, and the conversions and revenue credited to those clicks.
- Ranks: campaigns and flows are ranked only within one category and kind, by net attributed profit per
  recipient ((profit - cost) / recipients), 1 = best.`;
