import { z } from 'zod';
import { baseFields, touchFields } from './common.js';

const emailTouch = { ...baseFields, ...touchFields, channel: z.literal('email') };

export const EmailSentSchema = z.object({ ...emailTouch, type: z.literal('email.sent') });
export const EmailDeliveredSchema = z.object({ ...emailTouch, type: z.literal('email.delivered') });
export const EmailOpenedSchema = z.object({
  ...emailTouch,
  type: z.literal('email.opened'),
  /** Apple Mail Privacy Protection and scanners open mail without a person. */
  machineOpen: z.boolean().default(false),
});
export const EmailClickedSchema = z.object({
  ...emailTouch,
  type: z.literal('email.clicked'),
  destination: z.string(),
  bot: z.boolean().default(false),
});
export const EmailBouncedSchema = z.object({
  ...emailTouch,
  type: z.literal('email.bounced'),
  bounceType: z.enum(['hard', 'soft', 'blocked']).default('hard'),
  reason: z.string().optional(),
});
export const EmailUnsubscribedSchema = z.object({
  ...emailTouch,
  type: z.literal('email.unsubscribed'),
  scope: z.enum(['all', 'group']).default('all'),
});
