import { z } from 'zod';

/**
 * How the outcome KPIs read the CRM: the order of opportunity stages (so a stage change can be
 * called forward or backward) and how soon after a touch a forward move counts as following it.
 *
 * @example {"stageOrder":["appointmentscheduled","qualifiedtobuy","presentationscheduled","decisionmakerboughtin","contractsent","closedwon"],"progressionDays":14}
 */
/**
 * The stages of HubSpot's default sales pipeline (internal values), then Salesforce's default
 * opportunity StageName values: a CRM with its own stages (or Pipedrive, whose stages are ids
 * per pipeline) configures `stageOrder`. A move from or to a stage not in the order is neither
 * forward nor backward.
 */
export const DEFAULT_STAGE_ORDER: readonly string[] = [
  'appointmentscheduled',
  'qualifiedtobuy',
  'presentationscheduled',
  'decisionmakerboughtin',
  'contractsent',
  'closedwon',
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
];

export const OutcomeKpiConfigSchema = z.object({
  /**
   * Opportunity stages, earliest first, as the CRM names them (several CRMs: list each one's
   * stages in its own order, one list after the other). Empty: no move is called forward, and
   * the forward columns are null.
   */
  stageOrder: z.array(z.string().min(1)).default([...DEFAULT_STAGE_ORDER]),
  /**
   * A forward move counts as following a touch when it comes at most this many days after it.
   * Only eligible touches count, so a value above the stage_changed window acts as the window.
   */
  progressionDays: z.number().int().min(1).max(365).default(14),
});
export type OutcomeKpiConfig = z.infer<typeof OutcomeKpiConfigSchema>;

export const DEFAULT_OUTCOME_KPI_CONFIG: OutcomeKpiConfig = OutcomeKpiConfigSchema.parse({});
