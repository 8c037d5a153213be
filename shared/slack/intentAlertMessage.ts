import { z } from 'zod';
import { CurrencySchema, IsoTimeSchema } from '../../events/common.js';
import type { ButtonElement, MrkdwnText, SlackBlock, SlackMessage } from './blockKit.js';
import { BLOCK_KIT_LIMITS } from './blockKit.js';
import { escapeMrkdwn, quoteMrkdwn, truncateMrkdwn } from './escape.js';
import {
  formatDuration,
  formatMoney,
  humanize,
  isSlackUserId,
  maskPhone,
  mention,
  slackDate,
} from './format.js';

/**
 * The Block Kit messages of an intent alert: the alert itself (to the owner's route), its
 * status after Claim / Snooze / Not relevant, and the escalation to the manager channel.
 *
 * Pure builders: same alert in, same JSON out. Every value that came from a texter or a CRM
 * is escaped (escape.ts) and sits in a `verbatim` text object; the only control sequences in
 * the output are the ones built here from checked values: the owner's `<@U…>` from our
 * routing data, the clicker's id from Slack's signed payload, and `<!date^…>` tokens.
 *
 * @see https://docs.slack.dev/block-kit
 */

/** A slug from our classifier config (`meeting_request`, `size`): safe in plain text as is. */
const SlugSchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'lower-case slug, e.g. meeting_request');

/**
 * What an alert shows. `alertId` is the idempotency key of the alert and the `value` of its
 * buttons, so a click names the alert it belongs to.
 *
 * @example
 * {
 *   "alertId": "alr_01JDZQ5V8K2M4N6P8R0T2V4X6Z", "intent": "meeting_request", "confidence": 0.92,
 *   "priority": "hot", "contact": { "name": "Dana Reyes", "phone": "+14155550123" },
 *   "owner": { "name": "Sam Lee", "slackUserId": "U024BE7LH" },
 *   "replyText": "Can we meet Tuesday?", "receivedAt": "2026-11-25T15:00:00Z",
 *   "slaDueAt": "2026-11-25T15:05:00Z"
 * }
 */
export const IntentAlertSchema = z.object({
  alertId: z.string().min(1).max(255),
  intent: SlugSchema,
  /** 0..1, as the classifier reports it. */
  confidence: z.number().min(0).max(1),
  /** The purchase blocker's reason (size, shipping, availability, price), when there is one. */
  reason: SlugSchema.optional(),
  priority: z.enum(['hot', 'warm', 'normal']),
  contact: z.object({
    name: z.string().optional(),
    phone: z.string().min(1),
    contactId: z.string().optional(),
  }),
  account: z.object({ name: z.string().optional(), tier: z.string().optional() }).optional(),
  owner: z.object({ name: z.string().optional(), slackUserId: z.string().optional() }).optional(),
  opportunity: z
    .object({
      stage: z.string().optional(),
      amountMinor: z.number().int().optional(),
      currency: CurrencySchema.optional(),
    })
    .optional(),
  replyText: z.string(),
  lastSentText: z.string().optional(),
  receivedAt: IsoTimeSchema,
  slaDueAt: IsoTimeSchema,
});
export type IntentAlert = z.infer<typeof IntentAlertSchema>;
export type AlertPriority = IntentAlert['priority'];

/** What someone did with an alert; `by` is the Slack member from the interaction payload. */
export const AlertStatusSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('claimed'),
    by: z.object({ id: z.string(), name: z.string() }),
    at: IsoTimeSchema,
  }),
  z.object({
    action: z.literal('snoozed'),
    by: z.object({ id: z.string(), name: z.string() }),
    at: IsoTimeSchema,
    until: IsoTimeSchema,
  }),
  z.object({
    action: z.literal('dismissed'),
    by: z.object({ id: z.string(), name: z.string() }),
    at: IsoTimeSchema,
  }),
]);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

/** The `action_id`s of the alert's buttons; parseInteraction maps them back. */
export const ALERT_ACTION_IDS = {
  claim: 'intent_claim',
  snooze_1h: 'intent_snooze_1h',
  dismiss: 'intent_dismiss',
} as const;

const PRIORITY_LABEL: Record<AlertPriority, string> = {
  hot: ':fire: Hot',
  warm: ':large_orange_circle: Warm',
  normal: ':large_blue_circle:',
};

/** Room a name gets in a field, so one long CRM value cannot crowd out the rest. */
const NAME_LIMIT = 200;

const mrkdwn = (text: string): MrkdwnText => ({ type: 'mrkdwn', text, verbatim: true });
const untrusted = (value: string, limit = NAME_LIMIT) => truncateMrkdwn(escapeMrkdwn(value), limit);

function intentTitle(alert: IntentAlert): string {
  const label = humanize(alert.intent);
  return alert.reason ? `${label} (${humanize(alert.reason).toLowerCase()})` : label;
}

function ownerText(owner: IntentAlert['owner']): string {
  if (isSlackUserId(owner?.slackUserId)) return mention(owner.slackUserId);
  if (owner?.name) return `${untrusted(owner.name)} _(not linked to Slack)_`;
  return '_Unassigned_';
}

/** The clicker: a mention when Slack gave a member id, else their name, escaped. */
function actorText(by: { id: string; name: string }): string {
  return isSlackUserId(by.id) ? mention(by.id) : untrusted(by.name);
}

function contactText({ name, phone }: IntentAlert['contact']): string {
  return name ? `${untrusted(name)}\n${maskPhone(phone)}` : maskPhone(phone);
}

function accountText(account: IntentAlert['account']): string {
  if (!account?.name && !account?.tier) return '_None_';
  const name = account.name ? untrusted(account.name) : '_Unnamed account_';
  return account.tier ? `${name}\nTier ${untrusted(account.tier, 40)}` : name;
}

function opportunityText(opportunity: IntentAlert['opportunity']): string {
  const parts = [
    opportunity?.stage ? untrusted(opportunity.stage) : undefined,
    opportunity?.amountMinor !== undefined
      ? formatMoney(opportunity.amountMinor, opportunity.currency)
      : undefined,
  ].filter((part) => part !== undefined);
  return parts.length ? parts.join('\n') : '_No open opportunity_';
}

/** A titled quote of untrusted text that fits one section. */
function quotedSection(title: string, text: string): SlackBlock {
  const heading = `*${title}*\n`;
  return {
    type: 'section',
    text: mrkdwn(heading + quoteMrkdwn(text, BLOCK_KIT_LIMITS.sectionText - heading.length)),
  };
}

const button = (text: string, actionId: string, alertId: string, style?: ButtonElement['style']) => ({
  type: 'button' as const,
  text: { type: 'plain_text' as const, text, emoji: true },
  action_id: actionId,
  value: alertId,
  ...(style ? { style } : {}),
});

function actionsBlock(alert: IntentAlert): SlackBlock {
  return {
    type: 'actions',
    elements: [
      button('Claim', ALERT_ACTION_IDS.claim, alert.alertId, 'primary'),
      button('Snooze 1h', ALERT_ACTION_IDS.snooze_1h, alert.alertId),
      button('Not relevant', ALERT_ACTION_IDS.dismiss, alert.alertId),
    ],
  };
}

/** Who, what and the texts: the body every variant shares. */
function bodyBlocks(alert: IntentAlert): SlackBlock[] {
  const blocks: SlackBlock[] = [
    {
      type: 'section',
      fields: [
        mrkdwn(`*Contact*\n${contactText(alert.contact)}`),
        mrkdwn(`*Account*\n${accountText(alert.account)}`),
        mrkdwn(`*Owner*\n${ownerText(alert.owner)}`),
        mrkdwn(`*Opportunity*\n${opportunityText(alert.opportunity)}`),
      ],
    },
    quotedSection('Reply', alert.replyText),
  ];
  if (alert.lastSentText) blocks.push(quotedSection('Last message we sent', alert.lastSentText));
  blocks.push({
    type: 'context',
    elements: [
      mrkdwn(`Intent \`${alert.intent}\` · ${Math.round(alert.confidence * 100)}% confidence`),
      mrkdwn(`Received ${slackDate(alert.receivedAt)}`),
      mrkdwn(`*SLA due ${slackDate(alert.slaDueAt, '{time}')}*`),
      mrkdwn(`Alert ${untrusted(alert.alertId, 300)}`),
    ],
  });
  return blocks;
}

function header(text: string): SlackBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: text.slice(0, BLOCK_KIT_LIMITS.headerText), emoji: true },
  };
}

/** `Hot lead: Meeting request from Dana Reyes (+•••••••0123)`, for notifications. */
function summary(alert: IntentAlert): string {
  const who = alert.contact.name
    ? `${untrusted(alert.contact.name)} (${maskPhone(alert.contact.phone)})`
    : maskPhone(alert.contact.phone);
  const priority = alert.priority === 'normal' ? 'Lead' : `${humanize(alert.priority)} lead`;
  return `${priority}: ${intentTitle(alert)} from ${who}`;
}

const forOwner = (alert: IntentAlert) =>
  isSlackUserId(alert.owner?.slackUserId) ? ` for ${mention(alert.owner.slackUserId)}` : '';

/** The alert as first posted to the owner's route. */
export function intentAlertBlocks(alert: IntentAlert): SlackMessage {
  return {
    text: `${summary(alert)}${forOwner(alert)}`,
    blocks: [
      header(`${PRIORITY_LABEL[alert.priority]} · ${intentTitle(alert)}`),
      ...bodyBlocks(alert),
      actionsBlock(alert),
    ],
  };
}

function statusLine(alert: IntentAlert, status: AlertStatus): string {
  const who = actorText(status.by);
  switch (status.action) {
    case 'claimed': {
      const took = formatDuration(Date.parse(status.at) - Date.parse(alert.receivedAt));
      const inTime = Date.parse(status.at) <= Date.parse(alert.slaDueAt) ? 'within SLA' : 'after the SLA';
      return `:white_check_mark: *Claimed* by ${who} ${slackDate(status.at)} · ${took} after the reply, ${inTime}`;
    }
    case 'snoozed':
      return `:zzz: *Snoozed* by ${who} until ${slackDate(status.until, '{time}')}`;
    case 'dismissed':
      return `:no_entry_sign: *Not relevant*, said ${who} ${slackDate(status.at)}`;
  }
}

/**
 * The alert after a click, for chat.update or a response_url: the same body plus who did
 * what and when. A claimed or dismissed alert loses its buttons; a snoozed one keeps them,
 * since it can still be claimed.
 */
export function alertStatusBlocks(alert: IntentAlert, status: AlertStatus): SlackMessage {
  const line = statusLine(alert, status);
  return {
    text: `${summary(alert)}: ${status.action} by ${untrusted(status.by.name)}`,
    blocks: [
      header(`${PRIORITY_LABEL[alert.priority]} · ${intentTitle(alert)}`),
      ...bodyBlocks(alert),
      { type: 'section', text: mrkdwn(line) },
      ...(status.action === 'snoozed' ? [actionsBlock(alert)] : []),
    ],
  };
}

/**
 * The escalation posted to the manager channel when nobody claimed the alert within its SLA.
 * It names the owner and keeps the buttons, so the manager can claim or dismiss it there.
 */
export function alertEscalationBlocks(alert: IntentAlert, escalatedAt: string): SlackMessage {
  const overdue = formatDuration(Date.parse(escalatedAt) - Date.parse(alert.slaDueAt));
  return {
    text: `SLA missed: ${summary(alert)}${forOwner(alert)}`,
    blocks: [
      header(`:rotating_light: SLA missed · ${intentTitle(alert)}`),
      {
        type: 'section',
        text: mrkdwn(
          `Nobody claimed this ${alert.priority} alert by ${slackDate(alert.slaDueAt, '{time}')} ` +
            `(${overdue} overdue). Owner: ${ownerText(alert.owner)}`,
        ),
      },
      ...bodyBlocks(alert),
      actionsBlock(alert),
    ],
  };
}
