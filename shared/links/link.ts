import { createHash } from 'node:crypto';
import { z } from 'zod';
import { E164Schema, IsoTimeSchema, touchFields } from '../../events/common.js';

const { channel: _channel, messageId: _messageId, ...campaignIdentity } = touchFields;

/**
 * A tracked link: the short code in a message and where it leads, with the message and
 * campaign identity a click on it is credited to.
 * @example {"destination":"https://shop.example.com/pricing","messageId":"SM1f0e…","phone":"+14155550123","campaignId":"spring-sale"}
 */
export const LinkRequestSchema = z.object({
  destination: z.url({ protocol: /^https?$/ }),
  messageId: z.string().min(1).optional(),
  channel: z.enum(['sms', 'email']).default('sms'),
  phone: E164Schema.optional(),
  email: z.email().optional(),
  contactId: z.string().min(1).optional(),
  /** When the message carrying the link was sent; clicks seconds after it are prefetchers. */
  sentAt: IsoTimeSchema.optional(),
  ...campaignIdentity,
});
export type LinkRequest = z.input<typeof LinkRequestSchema>;

export const LinkSchema = LinkRequestSchema.extend({ code: z.string(), createdAt: IsoTimeSchema });
export type Link = z.infer<typeof LinkSchema>;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Link codes are derived from (message, destination) so creating the same link for the same
 * message twice (a retried send) yields the same code. 10 base62 chars = ~59 bits.
 */
export function linkCode(
  link: Pick<Link, 'destination' | 'messageId' | 'phone' | 'email'>,
  salt: string,
): string {
  const digest = createHash('sha256')
    .update([salt, link.messageId ?? '', link.phone ?? '', link.email ?? '', link.destination].join('\u0000'))
    .digest();
  let code = '';
  for (let i = 0; i < 10; i += 1) code += ALPHABET[digest[i]! % ALPHABET.length];
  return code;
}

export const LINK_CODE_PATTERN = /^[0-9A-Za-z]{4,32}$/;

export interface LinkStore {
  /** Stores the link unless its code exists; returns the stored link either way. */
  save(link: Link): Promise<Link>;
  find(code: string): Promise<Link | undefined>;
}
