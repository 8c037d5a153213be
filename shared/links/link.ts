import { createHash, randomBytes } from 'node:crypto';
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

/** A random 10-character base62 code (~59 bits): unguessable, so links cannot be enumerated. */
export function randomLinkCode(): string {
  const bytes = randomBytes(10);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte % ALPHABET.length];
  return code;
}

/**
 * Identifies "the link for this message and destination", so a retried send that asks for
 * its link again gets the same code. Links created without a message id are always new.
 */
export function linkRequestKey(
  link: Pick<Link, 'destination' | 'messageId' | 'phone' | 'email'>,
): string | undefined {
  if (!link.messageId) return undefined;
  return createHash('sha256')
    .update([link.messageId, link.phone ?? '', link.email ?? '', link.destination].join('\u0000'))
    .digest('hex');
}

export const LINK_CODE_PATTERN = /^[0-9A-Za-z]{4,32}$/;

export interface LinkStore {
  /** Stores the link; with a request key, returns the link already stored for that key instead. */
  save(link: Link, requestKey?: string): Promise<Link>;
  find(code: string): Promise<Link | undefined>;
}
