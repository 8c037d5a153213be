/**
 * The HTTP surface, defined once: the CDK ingest API and the local server both build their
 * routes from this table, so a route cannot exist in one and not the other.
 */
export const HTTP_FUNCTIONS = {
  smsWebhook: {
    entry: 'functions/http/sms-webhook.ts',
    description: 'SMS vendor webhooks -> canonical events',
  },
  crmWebhook: { entry: 'functions/http/crm-webhook.ts', description: 'CRM webhooks -> canonical events' },
  emailWebhook: {
    entry: 'functions/http/email-webhook.ts',
    description: 'Email vendor webhooks -> canonical events',
  },
  clickRedirect: {
    entry: 'functions/http/click-redirect.ts',
    description: 'Tracked link redirect + click event',
  },
  links: { entry: 'functions/http/links.ts', description: 'Create tracked links (ops API)' },
  timeline: { entry: 'functions/http/timeline.ts', description: 'Contact timeline (ops API)' },
  messages: { entry: 'functions/http/messages.ts', description: 'Send an SMS through the gate (ops API)' },
  decisions: { entry: 'functions/http/decisions.ts', description: 'Gate decision without sending (ops API)' },
  slackActions: {
    entry: 'functions/http/slack-actions.ts',
    description: 'Slack buttons: claim, snooze, dismiss',
  },
} as const;

export type HttpFunctionName = keyof typeof HTTP_FUNCTIONS;

export interface RouteSpec {
  method: 'GET' | 'POST' | 'HEAD';
  path: string;
  fn: HttpFunctionName;
}

export const ROUTES: readonly RouteSpec[] = [
  { method: 'POST', path: '/webhooks/sms/{vendor}', fn: 'smsWebhook' },
  { method: 'POST', path: '/webhooks/crm/{vendor}', fn: 'crmWebhook' },
  { method: 'POST', path: '/webhooks/email/{vendor}', fn: 'emailWebhook' },
  { method: 'GET', path: '/c/{code}', fn: 'clickRedirect' },
  // Link-preview scanners probe with HEAD; they must reach the handler to be flagged as bots.
  { method: 'HEAD', path: '/c/{code}', fn: 'clickRedirect' },
  { method: 'POST', path: '/v1/links', fn: 'links' },
  { method: 'GET', path: '/v1/timeline', fn: 'timeline' },
  { method: 'POST', path: '/v1/messages', fn: 'messages' },
  { method: 'POST', path: '/v1/decisions', fn: 'decisions' },
  { method: 'POST', path: '/slack/actions', fn: 'slackActions' },
];

/** Queue- and bus-triggered functions. */
export const WORKER_FUNCTIONS = {
  processEvents: { entry: 'functions/queue/process-events.ts', description: 'Events queue consumer' },
  send: { entry: 'functions/queue/send.ts', description: 'Send queue consumer: gate + vendor API' },
} as const;

/** Bus-rule targets: the domain event that triggers each. */
export const BUS_FUNCTIONS = {
  intentAlert: {
    entry: 'functions/bus/intent-alert.ts',
    description: 'Posts high-intent replies and clicks to Slack',
    detailType: 'IntentDetected',
  },
} as const;

/**
 * The daily jobs in the order their inputs need: the lake first, then attribution (which the
 * scorecards read), holdouts (which read the scorecards' costs), and the report over all of
 * them. In AWS one Step Functions chain runs them (infra/constructs/dailyChain.ts); locally the
 * demo and `npm run job` do (infra/local/dailyPipeline.ts).
 */
export const DAILY_CHAIN = ['lakeExport', 'attribution', 'scorecards', 'holdouts', 'report'] as const;

/**
 * Scheduled functions, with their schedule. A daily member of DAILY_CHAIN runs from the chain
 * only; one that also runs more often (the hourly lake export) keeps its own rule too.
 */
export const SCHEDULED_FUNCTIONS = {
  slaCheck: {
    entry: 'functions/schedule/sla-check.ts',
    description: 'Escalates intent alerts nobody claimed within their SLA',
    everyMinutes: 1,
  },
  releaseDeferred: {
    entry: 'functions/schedule/release-deferred.ts',
    description: 'Releases sends deferred past quiet hours',
    everyMinutes: 1,
  },
  lakeExport: {
    entry: 'functions/schedule/lake-export.ts',
    description: 'Canonical events by arrival day -> Parquet lake (events, consent_ledger, send_decisions)',
    everyMinutes: 60,
  },
  governanceAudit: {
    entry: 'functions/schedule/governance-audit.ts',
    description: 'Recomputes from the event history that no send broke consent, caps or quiet hours',
    everyMinutes: 1440,
  },
  attribution: {
    entry: 'functions/schedule/attribution.ts',
    description: 'Lake events -> multi-touch attribution credits and pipeline outcomes (yesterday and today)',
    everyMinutes: 1440,
  },
  scorecards: {
    entry: 'functions/schedule/scorecards.ts',
    description:
      'Lake sends, events and attribution -> scorecards per campaign, flow, step and category (yesterday and today)',
    everyMinutes: 1440,
  },
  holdouts: {
    entry: 'functions/schedule/holdouts.ts',
    description:
      'Lake decisions, outcomes and scorecards -> holdout cohorts, lift, incremental ROI, verdicts and LTV (yesterday)',
    everyMinutes: 1440,
  },
  // Last: the local runner runs schedules in this order, so the report sees the day's scorecards and lift.
  report: {
    entry: 'functions/schedule/report.ts',
    description: 'Scorecards, lift results and LTV cohorts -> self-contained HTML report under reports/',
    everyMinutes: 1440,
  },
} as const;
