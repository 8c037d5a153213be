import { z } from 'zod';
import { baseFields, CurrencySchema } from './common.js';

/** A CRM contact (person) was created or changed. */
export const CrmContactUpsertedSchema = z.object({
  ...baseFields,
  type: z.literal('crm.contact.upserted'),
  contactId: z.string().min(1),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  ownerId: z.string().optional(),
  lifecycleStage: z.string().optional(),
  timeZone: z.string().optional(),
});

/** A CRM account (company/organization) was created or changed. */
export const CrmAccountUpsertedSchema = z.object({
  ...baseFields,
  type: z.literal('crm.account.upserted'),
  accountId: z.string().min(1),
  name: z.string().optional(),
  ownerId: z.string().optional(),
  tier: z.string().optional(),
});

const opportunityFields = {
  ...baseFields,
  opportunityId: z.string().min(1),
  name: z.string().optional(),
  ownerId: z.string().optional(),
  pipelineId: z.string().optional(),
  /** Minor units (cents); absent when the CRM has no amount yet. */
  amountMinor: z.number().int().optional(),
  currency: CurrencySchema.optional(),
};

export const OpportunityCreatedSchema = z.object({
  ...opportunityFields,
  type: z.literal('opportunity.created'),
  stage: z.string().optional(),
});

export const OpportunityStageChangedSchema = z.object({
  ...opportunityFields,
  type: z.literal('opportunity.stage_changed'),
  fromStage: z.string().optional(),
  toStage: z.string().min(1),
});

export const OpportunityClosedSchema = z.object({
  ...opportunityFields,
  type: z.literal('opportunity.closed'),
  outcome: z.enum(['won', 'lost']),
  stage: z.string().optional(),
});

/** Lifecycle stage moved (e.g. lead -> marketingqualifiedlead). */
export const LeadQualifiedSchema = z.object({
  ...baseFields,
  type: z.literal('lead.qualified'),
  contactId: z.string().min(1),
  fromStage: z.string().optional(),
  toStage: z.string().min(1),
});

export const MeetingBookedSchema = z.object({
  ...baseFields,
  type: z.literal('meeting.booked'),
  meetingId: z.string().min(1),
  scheduledFor: z.string().optional(),
  ownerId: z.string().optional(),
  opportunityId: z.string().optional(),
});

export const MeetingAttendedSchema = z.object({
  ...baseFields,
  type: z.literal('meeting.attended'),
  meetingId: z.string().min(1),
  ownerId: z.string().optional(),
  opportunityId: z.string().optional(),
});
