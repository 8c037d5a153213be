import type { IntentAlert } from '../slack/intentAlertMessage.js';
import type { AlertPriority } from './routeAlert.js';

export type AlertStatus = 'open' | 'claimed' | 'snoozed' | 'dismissed';

export interface AlertState {
  alertId: string;
  status: AlertStatus;
  priority: AlertPriority;
  routeId: string;
  createdAt: string;
  slaDueAt: string;
  /** Where the Slack message landed (bot routes can update it; webhooks cannot). */
  posted?: { channel?: string; ts?: string; at: string };
  respondedAt?: string;
  respondedBy?: { slackUserId: string; name?: string };
  escalatedAt?: string;
  /** What the Slack message shows, kept to re-render it on claim, snooze and escalation. */
  render: IntentAlert;
}

export type AlertAction = 'claim' | 'snooze_1h' | 'dismiss';

/** Alert lifecycle in one item per alert; every transition is a conditional write. */
export interface AlertStore {
  /** Creates the alert unless it exists; false when it already did (a replayed event). */
  open(state: AlertState): Promise<boolean>;
  get(alertId: string): Promise<AlertState | undefined>;
  markPosted(alertId: string, posted: NonNullable<AlertState['posted']>): Promise<void>;
  /**
   * Records a response. Only the first claim/dismiss counts (later clicks get `first: false`);
   * a snooze keeps the alert open for a claim later.
   */
  respond(
    alertId: string,
    action: AlertAction,
    by: { slackUserId: string; name?: string },
    at: string,
  ): Promise<{ first: boolean; state: AlertState | undefined }>;
  /** Marks escalation once; false when it was claimed, dismissed or escalated meanwhile. */
  markEscalated(alertId: string, at: string): Promise<boolean>;
  /** Advances a team's rotation and returns its new position (atomic counter). */
  rotate(teamId: string): Promise<number>;
}
