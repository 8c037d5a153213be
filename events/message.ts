import { z } from 'zod';
import { baseFields, CostSchema, E164Schema, touchFields } from './common.js';

/** An SMS/MMS we sent was accepted by the vendor. */
export const MessageSentSchema = z.object({
  ...baseFields,
  ...touchFields,
  type: z.literal('message.sent'),
  to: E164Schema,
  from: z.string().min(1),
  cost: CostSchema.optional(),
  /** What we sent, when we sent it ourselves: shown beside a reply in intent alerts. Never exported to the lake. */
  body: z.string().max(1600).optional(),
});

/** The carrier confirmed delivery to the handset. */
export const MessageDeliveredSchema = z.object({
  ...baseFields,
  ...touchFields,
  type: z.literal('message.delivered'),
  to: E164Schema,
  cost: CostSchema.optional(),
});

/** The message failed or was undelivered; `errorCode` is the vendor's code (e.g. Twilio 21610, Telnyx 40300). */
export const MessageFailedSchema = z.object({
  ...baseFields,
  ...touchFields,
  type: z.literal('message.failed'),
  to: E164Schema,
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  /** The vendor says the recipient opted out at carrier level (e.g. Twilio 21610). */
  carrierOptOut: z.boolean().default(false),
});

/** An inbound SMS from a contact. `inReplyTo` is the id of our last message it answers, when known. */
export const MessageReceivedSchema = z.object({
  ...baseFields,
  type: z.literal('message.received'),
  channel: z.literal('sms'),
  messageId: z.string().min(1),
  from: E164Schema,
  to: z.string().min(1),
  body: z.string().max(10_000),
  mediaUrls: z.array(z.string()).default([]),
  inReplyTo: z.string().optional(),
});

/** A tracked link in one of our messages was opened. Bots and prefetchers are kept but flagged. */
export const MessageClickedSchema = z.object({
  ...baseFields,
  ...touchFields,
  type: z.literal('message.clicked'),
  linkCode: z.string().min(1),
  destination: z.url(),
  bot: z.boolean(),
  botReason: z.string().optional(),
  userAgent: z.string().optional(),
});
