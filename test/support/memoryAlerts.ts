import type { AlertPorts, SlaTimers } from '../../shared/alerts/alertPorts.js';
import type { AlertAction, AlertState, AlertStore } from '../../shared/alerts/alertStore.js';
import type { SlackMessage } from '../../shared/slack/blockKit.js';
import type { PostedMessage, SlackPoster, SlackRoute } from '../../shared/slack/slackClient.js';

/** In-memory AlertStore with the Dynamo adapter's transition rules. */
export class MemoryAlertStore implements AlertStore {
  readonly states = new Map<string, AlertState>();
  private readonly rotations = new Map<string, number>();

  async open(state: AlertState): Promise<boolean> {
    if (this.states.has(state.alertId)) return false;
    this.states.set(state.alertId, structuredClone(state));
    return true;
  }
  async get(alertId: string): Promise<AlertState | undefined> {
    const state = this.states.get(alertId);
    return state ? structuredClone(state) : undefined;
  }
  async markPosted(alertId: string, posted: NonNullable<AlertState['posted']>): Promise<void> {
    const state = this.states.get(alertId);
    if (state) state.posted = posted;
  }
  async respond(
    alertId: string,
    action: AlertAction,
    by: { slackUserId: string; name?: string },
    at: string,
  ) {
    const state = this.states.get(alertId);
    const first = !!state && (state.status === 'open' || state.status === 'snoozed');
    if (state && first) {
      state.status = action === 'claim' ? 'claimed' : action === 'dismiss' ? 'dismissed' : 'snoozed';
      state.respondedAt ??= at;
      state.respondedBy ??= by;
    }
    return { first, state: state ? structuredClone(state) : undefined };
  }
  async markEscalated(alertId: string, at: string): Promise<boolean> {
    const state = this.states.get(alertId);
    if (!state || state.escalatedAt || (state.status !== 'open' && state.status !== 'snoozed')) return false;
    state.escalatedAt = at;
    return true;
  }
  async rotate(teamId: string): Promise<number> {
    const next = (this.rotations.get(teamId) ?? 0) + 1;
    this.rotations.set(teamId, next);
    return next;
  }
}

export class MemorySlaTimers implements SlaTimers {
  readonly timers = new Map<string, { id: string; dueAt: string }>();
  async schedule(alertId: string, dueAt: string): Promise<void> {
    this.timers.set(`${dueAt}#${alertId}`, { id: alertId, dueAt });
  }
  async due(now: Date) {
    return [...this.timers.values()].filter((t) => Date.parse(t.dueAt) <= now.getTime());
  }
  async remove(timers: ReadonlyArray<{ id: string; dueAt: string }>): Promise<void> {
    for (const t of timers) this.timers.delete(`${t.dueAt}#${t.id}`);
  }
}

/** Records every Slack call instead of making it. */
export class RecordingSlack implements SlackPoster {
  readonly posts: Array<{ route: SlackRoute; message: SlackMessage; key: string }> = [];
  readonly updates: Array<{ message: SlackMessage; responseUrl?: string }> = [];
  async post(route: SlackRoute, message: SlackMessage, key: string): Promise<PostedMessage> {
    this.posts.push({ route, message, key });
    return {};
  }
  async update(_route: SlackRoute, _channel: string, _ts: string, message: SlackMessage): Promise<void> {
    this.updates.push({ message });
  }
  async respond(responseUrl: string, message: SlackMessage): Promise<void> {
    this.updates.push({ message, responseUrl });
  }
}

export type MemoryAlertPorts = AlertPorts & {
  alerts: MemoryAlertStore;
  timers: MemorySlaTimers;
  slack: RecordingSlack;
};
