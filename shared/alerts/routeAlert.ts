import type { Intent } from '../../events/intent.js';
import type { AlertsConfig } from '../config/programConfig.js';

export type AlertPriority = 'hot' | 'warm' | 'normal';

export interface RoutingFacts {
  intent: Intent;
  programId?: string;
  contactOwnerId?: string;
  accountOwnerId?: string;
  accountTier?: string;
  /** Stage of the account's (or contact's) most recent open opportunity. */
  openOpportunityStage?: string;
  /** The team rotation's next position (a counter the caller advances atomically). */
  rotation: (teamId: string) => Promise<number>;
}

export interface Routing {
  ownerId?: string;
  routeId: string;
  routedBy: 'contact_owner' | 'account_owner' | 'team_round_robin' | 'program_channel';
  priority: AlertPriority;
  slaMinutes: number;
}

/** How much an intent says "act now". Buying signals first, complaints close behind. */
const INTENT_WEIGHT: Partial<Record<Intent, number>> = {
  ready_to_buy: 4,
  meeting_request: 3,
  pricing: 2,
  purchase_blocker: 2,
  complaint: 2,
  question: 1,
};

/**
 * Priority: intent weight + account tier weight + 2 for an open late-stage opportunity (a
 * reactivated late-stage deal outranks early curiosity). hot >= 5, warm >= 3, else normal.
 */
export function alertPriority(
  facts: Pick<RoutingFacts, 'intent' | 'accountTier' | 'openOpportunityStage'>,
  config: AlertsConfig,
): AlertPriority {
  const tier = facts.accountTier ? (config.tierWeights[facts.accountTier] ?? 0) : 0;
  const late = facts.openOpportunityStage && config.lateStages.includes(facts.openOpportunityStage) ? 2 : 0;
  const score = (INTENT_WEIGHT[facts.intent] ?? 0) + tier + late;
  return score >= 5 ? 'hot' : score >= 3 ? 'warm' : 'normal';
}

/**
 * intent + contact -> owner and Slack route: the contact's CRM owner, else the account's, else
 * the program's team in rotation, else the program's channel. Undefined when nothing is
 * configured to receive it (the alert is still recorded as an event).
 */
export async function routeAlert(facts: RoutingFacts, config: AlertsConfig): Promise<Routing | undefined> {
  const priority = alertPriority(facts, config);
  const slaMinutes = config.slaMinutes[priority];
  const owners: Array<[string | undefined, Routing['routedBy']]> = [
    [facts.contactOwnerId, 'contact_owner'],
    [facts.accountOwnerId, 'account_owner'],
  ];
  for (const [ownerId, routedBy] of owners) {
    const owner = ownerId ? config.owners[ownerId] : undefined;
    if (ownerId && owner) return { ownerId, routeId: owner.route, routedBy, priority, slaMinutes };
  }
  const teamId = facts.programId ? config.programTeams[facts.programId] : undefined;
  const team = teamId ? config.teams[teamId] : undefined;
  if (teamId && team) {
    const ownerId = team.members[(await facts.rotation(teamId)) % team.members.length]!;
    const route = config.owners[ownerId]?.route ?? team.route;
    return { ownerId, routeId: route, routedBy: 'team_round_robin', priority, slaMinutes };
  }
  const programRoute = facts.programId ? config.programRoutes[facts.programId] : undefined;
  if (programRoute) return { routeId: programRoute, routedBy: 'program_channel', priority, slaMinutes };
  return undefined;
}
