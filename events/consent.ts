import { z } from 'zod';
import { baseFields } from './common.js';

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

/** A send the gate did not make: holdout ghost exposure, cap, quiet hours, consent or collision. */
export const SendSuppressedSchema = z.object({
  ...baseFields,
  type: z.literal('send.suppressed'),
  channel: z.enum(['sms', 'email']),
  reason: z.enum(['holdout', 'frequency_cap', 'quiet_hours', 'consent', 'collision', 'invalid_number']),
  programId: z.string().optional(),
  kind: z.enum(['campaign', 'flow']).optional(),
  campaignId: z.string().optional(),
  workflowId: z.string().optional(),
  step: z.number().int().nonnegative().optional(),
  templateId: z.string().optional(),
  variant: z.string().optional(),
  detail: z.string().optional(),
});
