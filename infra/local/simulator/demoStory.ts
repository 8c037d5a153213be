import type { LocalStack } from '../localStack.js';
import { MARIA } from './demo/cast.js';
import { crmChapters } from './demo/crm.js';
import { emailChapters } from './demo/email.js';
import { smsChapters } from './demo/sms.js';
import type { DemoStep } from './demo/story.js';

export type { DemoStep } from './demo/story.js';

/** The contact whose timeline the demo prints. */
export const DEMO_CONTACT_PHONE = MARIA.phone;

/**
 * A few days at five customer accounts, told by every vendor we integrate, dated relative to
 * `now` (see demo/cast.ts for who is who):
 * - Maria at Acme: created in HubSpot, a SendGrid spring-sale email she opens and clicks, a deal
 *   that moves to qualified-to-buy, then the spring-sale text (our send gate via the generic
 *   endpoint) that Twilio delivers and she answers; Twilio retries her reply once.
 * - Priya at Globex (Salesforce): a renewal text via Telnyx she answers, an opportunity that
 *   moves to Proposal/Price Quote.
 * - Tom at Initech (Pipedrive): a webinar invite via Vonage; he asks for a demo instead, and a
 *   deal and a meeting follow.
 * - Lena at Umbrella: an email via a generic ESP, a web-shop order with its discount code
 *   (generic CRM), a thank-you text via Plivo that she answers.
 * - Sam at Hooli: a renewal reminder via Bandwidth, his reply, the billing system's renewal.
 * Steps are replayed in story order; vendors that date a fact by its arrival (Twilio, Plivo)
 * come last, since they happen now.
 */
export function demoSteps(
  stack: Pick<LocalStack, 'baseUrl' | 'secrets' | 'simulator'>,
  now: Date,
): DemoStep[] {
  const context = { stack, now };
  const steps = [...crmChapters(context), ...emailChapters(context), ...smsChapters(context)];
  // Array.prototype.sort is stable: steps of the same moment keep their chapter's order.
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}
