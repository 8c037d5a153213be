import { column, defineLakeTable, type LakeRow } from '../lakeTable.js';

/**
 * The scorecards job's output (shared/scorecards/): per day `dt`, per period ending that day and
 * per level (campaign, flow, step, category, variant, channel mix, send hour, weekday, link
 * destination, two-way, account tier, fatigue), one row per key with volumes, rates, money and
 * the definitions version the numbers were made under.
 */
export const scorecardsTable = defineLakeTable({
  name: 'scorecards',
  description:
    'One row per day x period x level x key: eligible volume, sends, delivery, unique human clickers, replies, opt-outs, ' +
    'complaints, attributed conversions, revenue, profit, program cost and attributed ROI (attributed, not incremental) of ' +
    'the messages sent in the period, counting what followed them up to the end of dt. Campaigns and flows apart; ranks ' +
    'only within one category. Definitions: shared/scorecards/definitions.ts, version in definitions_version.',
  partitionDescription:
    'The UTC day the scorecard is as of: periods end with it and nothing that happened after it counts. The job rewrites ' +
    'whole days, so rerunning a day replaces its rows.',
  columns: {
    period: column.string('day, 7d, 28d, 90d (the days ending with dt) or to_date (everything up to dt).'),
    period_start: column.date('First UTC day of the period (the first day with data for to_date).'),
    level: column.string(
      'campaign, flow, step, category, variant, channel_mix, send_hour, weekday, link_destination, two_way, account_tier or fatigue.',
    ),
    kind: column.string('campaign or flow: campaigns and flows are never mixed in one row.', {
      nullable: true,
    }),
    key: column.string(
      'What the row is about: campaign or workflow id; <workflow>#<step>; category; <id>:<variant>; <id>:<sms|email|sms+email>; ' +
        'local send hour 00-23; weekday 1-Mon..7-Sun; link destination (scheme, host and path); account tier; messages in the last 30 days (1, 2, 3, 4, 5, 6-9, 10+).',
    ),
    parent_key: column.string(
      'The campaign or workflow a step, variant, channel mix or two-way row belongs to.',
      {
        nullable: true,
      },
    ),
    category: column.string(
      'Category of the campaign or workflow (reminder, renewal, win_back…), from config.',
      {
        nullable: true,
      },
    ),
    program_id: column.string('Messaging program, for campaign, flow, step and variant rows.', {
      nullable: true,
    }),
    eligible: column.int(
      'Send-gate decisions of the period (allowed and suppressed, holdout ghosts included; deferrals are counted when they are decided). Null for levels the gate does not see (hour, tier, fatigue, mix, link).',
      { nullable: true },
    ),
    suppressed: column.int(
      'Of eligible: suppressed by the gate (holdout, cap, quiet hours, consent, collision).',
      {
        nullable: true,
      },
    ),
    sends: column.int('Messages sent (accepted by the vendor) in the period.'),
    recipients: column.int('Unique recipients (hashed address) of those messages.'),
    segments: column.int('Billable SMS segments of those messages.'),
    delivered: column.int('Of sends: confirmed delivered by the end of dt.'),
    delivery_rate: column.double('delivered / sends; null without sends.', { nullable: true }),
    unique_clickers: column.int(
      'Recipients who clicked a link in those messages, bot and preview clicks excluded.',
    ),
    ctr: column.double('unique_clickers / recipients.', { nullable: true }),
    repliers: column.int(
      'Recipients who replied; a reply belongs to their latest message within the reply window.',
    ),
    reply_rate: column.double('repliers / recipients.', { nullable: true }),
    opt_outs: column.int('Recipients who opted out (consent.changed), assigned like replies.'),
    opt_out_rate: column.double('opt_outs / recipients.', { nullable: true }),
    complaints: column.int('Replies the intent classifier marked as complaints.'),
    conversions: column.int(
      'Qualified outcomes credited (attribution model in attribution_model) to a touch of those messages by the end of dt.',
    ),
    converters: column.int(
      'Recipients with at least one of those conversions (an account-level deal counts for each touched recipient).',
    ),
    conversion_rate: column.double(
      'converters / recipients: a share of people, at most 1 (one recipient can bring several outcomes).',
      { nullable: true },
    ),
    revenue_minor: column.bigint(
      'Credited share of revenue outcomes (orders, won deals, renewals, expansions), minor units of currency.',
    ),
    revenue_per_recipient_minor: column.double('revenue_minor / recipients (RPR).', { nullable: true }),
    profit_minor: column.bigint(
      'Credited share of margin minus discount (order margin as reported, else amount x costs.defaultMarginRate).',
    ),
    profit_per_recipient_minor: column.double('profit_minor / recipients.', { nullable: true }),
    incentive_cost_minor: column.bigint(
      'Credited share of discounts given: already subtracted in profit_minor.',
    ),
    message_fees_minor: column.bigint(
      'Vendor fees of the messages (vendor price, else segments x configured fee).',
    ),
    platform_cost_minor: column.bigint('Platform fees per month allocated by message volume.'),
    labor_cost_minor: column.bigint(
      'Labor (hours x rate per program per month) allocated by the program’s message volume.',
    ),
    tooling_cost_minor: column.bigint('Tooling per month allocated by message volume.'),
    cost_minor: column.bigint('Program cost: message fees + platform + labor + tooling.'),
    cost_per_outcome_minor: column.double('cost_minor / conversions.', { nullable: true }),
    pipeline_influenced_minor: column.bigint(
      'Full amount of opportunities created that a touch of these messages is credited on.',
    ),
    revenue_influenced_minor: column.bigint(
      'Full amount of won deals and orders that a touch of these messages is credited on.',
    ),
    roi_attributed: column.double(
      'Attributed ROI, attributed (not incremental): (profit_minor - cost_minor) / cost_minor; null when cost is 0.',
      { nullable: true },
    ),
    median_hours_to_next_step: column.double(
      'Median hours from a flow message to the same recipient’s next step of that workflow.',
      { nullable: true },
    ),
    reply_alerts: column.int('Replies that raised an intent alert.'),
    reply_resolutions: column.int('Of reply_alerts: claimed or dismissed by a person by the end of dt.'),
    reply_to_resolution_rate: column.double('reply_resolutions / reply_alerts.', { nullable: true }),
    reply_conversions: column.int('Repliers who also converted (a credited qualified outcome).'),
    reply_to_conversion_rate: column.double('reply_conversions / repliers.', { nullable: true }),
    engagement_score: column.double(
      'Value-weighted engagement: per recipient (click + reply + conversion points, scorecards.engagement) x account-tier weight x deal-stage weight, averaged over recipients.',
      { nullable: true },
    ),
    rank_in_category: column.int(
      'For campaign and flow rows: rank within (period, kind, category) by net attributed profit per recipient, 1 = best.',
      { nullable: true },
    ),
    currency: column.string('ISO 4217 currency of every *_minor column (fees.currency).'),
    attribution_model: column.string('The attribution model whose credits the row uses, e.g. linear.'),
    definitions_version: column.string('Version of the scorecard definitions, e.g. scorecards-2026.1.'),
  },
});

/**
 * One `scorecards` row with its types spelled out (LakeRow<typeof scorecardsTable> has every
 * column as `unknown`, since column schemas are typed loosely): what the core makes and the
 * report reads. The assignment below keeps it in step with the table's columns.
 */
export interface ScorecardRow {
  period: string;
  period_start: string;
  level: string;
  kind: 'campaign' | 'flow' | null;
  key: string;
  parent_key: string | null;
  category: string | null;
  program_id: string | null;
  eligible: number | null;
  suppressed: number | null;
  sends: number;
  recipients: number;
  segments: number;
  delivered: number;
  delivery_rate: number | null;
  unique_clickers: number;
  ctr: number | null;
  repliers: number;
  reply_rate: number | null;
  opt_outs: number;
  opt_out_rate: number | null;
  complaints: number;
  conversions: number;
  converters: number;
  conversion_rate: number | null;
  revenue_minor: bigint;
  revenue_per_recipient_minor: number | null;
  profit_minor: bigint;
  profit_per_recipient_minor: number | null;
  incentive_cost_minor: bigint;
  message_fees_minor: bigint;
  platform_cost_minor: bigint;
  labor_cost_minor: bigint;
  tooling_cost_minor: bigint;
  cost_minor: bigint;
  cost_per_outcome_minor: number | null;
  pipeline_influenced_minor: bigint;
  revenue_influenced_minor: bigint;
  roi_attributed: number | null;
  median_hours_to_next_step: number | null;
  reply_alerts: number;
  reply_resolutions: number;
  reply_to_resolution_rate: number | null;
  reply_conversions: number;
  reply_to_conversion_rate: number | null;
  engagement_score: number | null;
  rank_in_category: number | null;
  currency: string;
  attribution_model: string;
  definitions_version: string;
}

/** Same columns both ways: a column added to one and not the other fails to compile. */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
export const scorecardRowMatchesTable: SameKeys<ScorecardRow, LakeRow<typeof scorecardsTable>> = true;
