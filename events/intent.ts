import { z } from 'zod';
import { baseFields, IsoTimeSchema } from './common.js';

export const IntentSchema = z.enum([
  'meeting_request',
  'pricing',
  'ready_to_buy',
  'purchase_blocker',
  'question',
  'positive',
  'negative',
  'complaint',
  'wrong_number',
  'opt_out',
  'help',
  'other',
]);
export type Intent = z.infer<typeof IntentSchema>;

export const AlertPrioritySchema = z.enum(['hot', 'warm', 'normal']);

/**
 * A reply or click worth a person's attention, routed to an owner with an SLA. The alert id is
 * derived from the source event, so a replayed reply raises the same alert, never a second.
 */
export const IntentDetectedSchema = z.object({
  ...baseFields,
  type: z.literal('intent.detected'),
  alertId: z.string().min(1),
  sourceEventId: z.string().min(1),
  signal: z.enum(['reply', 'click']),
  intent: IntentSchema,
  confidence: z.number().min(0).max(1),
  reason: z.enum(['size', 'shipping', 'availability', 'price']).optional(),
  priority: AlertPrioritySchema,
  ownerId: z.string().optional(),
  /** How the owner was chosen: the contact's or account's CRM owner, a team rotation, or the program channel. */
  routedBy: z.enum(['contact_owner', 'account_owner', 'team_round_robin', 'program_channel']),
  routeId: z.string().min(1),
  slaDueAt: IsoTimeSchema,
  programId: z.string().optional(),
  opportunityId: z.string().optional(),
  opportunityStage: z.string().optional(),
});

const alertAction = {
  ...baseFields,
  alertId: z.string().min(1),
  by: z.object({ slackUserId: z.string(), name: z.string().optional() }),
  /** Seconds from the alert to this first response. */
  responseSeconds: z.number().nonnegative(),
  withinSla: z.boolean(),
  priority: AlertPrioritySchema,
};

/** Someone took the alert: time-to-first-response and SLA attainment for scorecards. */
export const AlertClaimedSchema = z.object({ ...alertAction, type: z.literal('alert.claimed') });
export const AlertSnoozedSchema = z.object({
  ...alertAction,
  type: z.literal('alert.snoozed'),
  until: IsoTimeSchema,
});
export const AlertDismissedSchema = z.object({ ...alertAction, type: z.literal('alert.dismissed') });

/** Nobody claimed the alert within its SLA: it went to the manager channel. */
export const AlertEscalatedSchema = z.object({
  ...baseFields,
  type: z.literal('alert.escalated'),
  alertId: z.string().min(1),
  priority: AlertPrioritySchema,
  routeId: z.string().min(1),
  overdueSeconds: z.number().nonnegative(),
});
