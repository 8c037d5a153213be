import { z } from 'zod';
import { baseFields, IsoTimeSchema } from './common.js';

/** A change in a contact's consent to be messaged, with its evidence. */
export const ConsentChangedSchema = z.object({
  ...baseFields,
  type: z.literal('consent.changed'),
  channel: z.enum(['sms', 'email']),
  status: z.enum(['opted_in', 'opted_out']),
  /** Scope: one program, one sender number, or everything we send. */
  scope: z.object({ kind: z.enum(['all', 'program', 'sender']), value: z.string().optional() }),
  evidence: z.object({
    method: z.enum(['keyword', 'plain_language', 'carrier', 'crm', 'form', 'api', 'email_unsubscribe']),
    keyword: z.string().optional(),
    sourceEventId: z.string().optional(),
    text: z.string().optional(),
  }),
});

/** Campaign identity a gate decision is about, the same fields touches carry. */
const decisionFields = {
  channel: z.enum(['sms', 'email']),
  /** The send request this decision answers (idempotency key of the send API). */
  requestId: z.string().min(1),
  programId: z.string().optional(),
  kind: z.enum(['campaign', 'flow']).optional(),
  campaignId: z.string().optional(),
  workflowId: z.string().optional(),
  step: z.number().int().nonnegative().optional(),
  templateId: z.string().optional(),
  variant: z.string().optional(),
};

export const SuppressionReasonSchema = z.enum([
  'holdout',
  'cap',
  'quiet_hours',
  'consent',
  'collision',
  'invalid_number',
]);

/**
 * A send the gate did not make: holdout ghost exposure, cap, quiet hours (drop), consent or
 * collision. A holdout member's ghost exposure is stamped at the moment it would have been sent,
 * so treatment and holdout are compared from the same clock.
 */
export const SendSuppressedSchema = z.object({
  ...baseFields,
  ...decisionFields,
  type: z.literal('send.suppressed'),
  reason: SuppressionReasonSchema,
  detail: z.string().optional(),
});

/** A send moved to the next allowed window (quiet hours); it is retried at `until`. */
export const SendDeferredSchema = z.object({
  ...baseFields,
  ...decisionFields,
  type: z.literal('send.deferred'),
  reason: z.enum(['quiet_hours']),
  until: IsoTimeSchema,
});
