import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AttributionConfigSchema } from '../attribution/job/attributionConfig.js';
import { CostsSchema } from '../cost/costConfig.js';
import { IncrementalityConfigSchema, WorkflowGoalSchema } from '../incrementality/config.js';
import { LtvConfigSchema } from '../ltv/config.js';
import { ScorecardConfigSchema } from '../scorecards/scorecardConfig.js';

const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time of day as HH:MM, 24-hour');

/**
 * A frequency cap: at most `max` messages on `channel` per contact within `window`.
 * `calendar_day` is the recipient's local calendar day; `rolling` is the trailing `hours`.
 * @example {"max":1,"window":{"kind":"calendar_day"}}
 */
export const CapSchema = z.object({
  channel: z.enum(['sms', 'email']).default('sms'),
  max: z.number().int().positive(),
  window: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('calendar_day') }),
    z.object({
      kind: z.literal('rolling'),
      hours: z
        .number()
        .positive()
        .max(24 * 90),
    }),
  ]),
});
export type Cap = z.infer<typeof CapSchema>;

/** Local hours in which a program may text; outside them a send is deferred or dropped. */
export const QuietHoursSchema = z.object({
  /** First minute sends are allowed, recipient local time. */
  start: HhMm.default('08:00'),
  /** First minute sends are no longer allowed, recipient local time. */
  end: HhMm.default('21:00'),
  outside: z.enum(['defer', 'drop']).default('defer'),
  /** Stricter windows by recipient country (ISO 3166 alpha-2), e.g. {"FR": {"start": "10:00", "end": "20:00"}}. */
  byCountry: z.record(z.string().regex(/^[A-Z]{2}$/), z.object({ start: HhMm, end: HhMm })).default({}),
});
export type QuietHours = z.infer<typeof QuietHoursSchema>;

export const WorkflowCategorySchema = z.enum([
  'reminder',
  'follow_up_nudge',
  'onboarding',
  'renewal',
  'win_back',
  'cart_recovery',
  'appointment_confirmation',
  'promotion',
  'other',
]);

export const WorkflowSchema = z.object({
  category: WorkflowCategorySchema,
  /** Transactional workflows (appointment confirmations) bypass caps and holdout, never consent. */
  transactional: z.boolean().default(false),
  caps: z.array(CapSchema).default([]),
  /** Its job (primary outcome) and success threshold; the holdouts job judges it against them. */
  goal: WorkflowGoalSchema.optional(),
});

export const CampaignSchema = z.object({
  category: WorkflowCategorySchema.default('promotion'),
  goal: WorkflowGoalSchema.optional(),
});

export const KeywordsSchema = z.object({
  optOut: z.array(z.string().min(1)).default([]),
  optIn: z.array(z.string().min(1)).default([]),
  help: z.array(z.string().min(1)).default([]),
});

export const ProgramSchema = z.object({
  name: z.string().min(1),
  channel: z.enum(['sms', 'email']).default('sms'),
  vendor: z.enum(['twilio', 'telnyx']).default('twilio'),
  /** Sender: an E.164 number, short code or messaging service id. */
  from: z.string().min(1),
  consent: z.object({
    /** `opt_in`: only contacts with an opt-in on record; `not_opted_out`: anyone not opted out. */
    required: z.enum(['opt_in', 'not_opted_out']).default('opt_in'),
    /** Where an opt-out applies: everything we send, this program only, or this sender number only. */
    scope: z.enum(['all', 'program', 'sender']).default('all'),
  }),
  /** Extra keywords on top of the carrier-standard ones, e.g. per language. */
  keywords: KeywordsSchema.default({ optOut: [], optIn: [], help: [] }),
  helpText: z.string().min(1).max(320),
  optOutConfirmation: z.string().min(1).max(320).optional(),
  caps: z.array(CapSchema).default([]),
  quietHours: QuietHoursSchema.default({ start: '08:00', end: '21:00', outside: 'defer', byCountry: {} }),
  holdout: z
    .object({ rate: z.number().min(0).max(0.5), salt: z.string().min(1) })
    .default({ rate: 0, salt: 'none' }),
  /** No SMS within this many hours after an email of the same program. */
  collisionHours: z.number().nonnegative().default(0),
  workflows: z.record(z.string(), WorkflowSchema).default({}),
  campaigns: z.record(z.string(), CampaignSchema).default({}),
});
export type Program = z.infer<typeof ProgramSchema>;

/** Per-message fee, in millionths of the currency unit (USD 0.0079 = 7900), by country. */
export const FeesSchema = z.object({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('USD'),
  smsPerSegmentMicros: z.record(z.string(), z.number().int().nonnegative()).default({}),
  mmsPerMessageMicros: z.record(z.string(), z.number().int().nonnegative()).default({}),
});

/**
 * A Slack destination. Webhook URLs and bot tokens are secrets: the route names the secret
 * (e.g. SLACK_WEBHOOK_URL) that holds them, never the value.
 */
const SlackSecretNameSchema = z.enum(['SLACK_WEBHOOK_URL', 'SLACK_MANAGER_WEBHOOK_URL', 'SLACK_BOT_TOKEN']);
export const SlackRouteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('webhook'), urlSecret: SlackSecretNameSchema }),
  z.object({ kind: z.literal('bot'), channel: z.string().min(1), tokenSecret: SlackSecretNameSchema }),
]);

export const AlertsSchema = z.object({
  /** Intents that raise an alert. */
  intents: z
    .array(z.string())
    .default(['meeting_request', 'pricing', 'ready_to_buy', 'purchase_blocker', 'complaint']),
  /** Minutes to first response, per priority. */
  slaMinutes: z
    .object({ hot: z.number().positive(), warm: z.number().positive(), normal: z.number().positive() })
    .default({ hot: 5, warm: 30, normal: 240 }),
  routes: z.record(z.string(), SlackRouteSchema).default({}),
  /** CRM owner id -> who they are in Slack and where their alerts go. */
  owners: z
    .record(z.string(), z.object({ name: z.string(), slackUserId: z.string().optional(), route: z.string() }))
    .default({}),
  /** Teams rotate alerts for contacts with no CRM owner. */
  teams: z
    .record(z.string(), z.object({ members: z.array(z.string()).min(1), route: z.string() }))
    .default({}),
  /** Program id -> team that covers its unowned contacts. */
  programTeams: z.record(z.string(), z.string()).default({}),
  /** Program id -> route of last resort. */
  programRoutes: z.record(z.string(), z.string()).default({}),
  /** Where unclaimed alerts escalate. */
  managerRoute: z.string().optional(),
  /** Account tier -> weight in the priority score. */
  tierWeights: z.record(z.string(), z.number()).default({ enterprise: 3, 'mid-market': 2, smb: 1 }),
  /** Opportunity stages that count as late (reactivation there outranks early curiosity). */
  lateStages: z.array(z.string()).default([]),
  /** Link destinations whose clicks count as intent; absent: the built-in pricing and booking patterns. */
  pricingLinks: z.array(z.string().min(1)).optional(),
  bookingLinks: z.array(z.string().min(1)).optional(),
});
export type AlertsConfig = z.infer<typeof AlertsSchema>;

export const AppConfigSchema = z.object({
  version: z.literal(1),
  /** Caps across all programs, per contact. */
  globalCaps: z.array(CapSchema).default([]),
  /** Used when neither the contact nor the number gives a time zone. */
  defaultTimeZone: z.string().default('America/New_York'),
  programs: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/), ProgramSchema),
  fees: FeesSchema.default({ currency: 'USD', smsPerSegmentMicros: {}, mmsPerMessageMicros: {} }),
  alerts: AlertsSchema.default(AlertsSchema.parse({})),
  /** The daily attribution job: engine, rules, exchange rates. Absent: lambda engine, default rules. */
  attribution: AttributionConfigSchema.optional(),
  /** The daily holdouts job: periods, windows, test settings. Absent: its defaults. */
  incrementality: IncrementalityConfigSchema.optional(),
  /** Assumptions of the LTV ROI model. Absent: every term is zero. */
  ltv: LtvConfigSchema.optional(),
  /** Program cost beyond per-message fees (platform, tooling, labor, margin). Absent: none. */
  costs: CostsSchema.optional(),
  /** The daily scorecards job: attribution model, reply window, engagement weights. Absent: defaults. */
  scorecards: ScorecardConfigSchema.optional(),
});
export type AppConfig = z.infer<typeof AppConfigSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates a parsed config; every problem is listed with its path so a bad file fails at start. */
export function parseConfig(raw: unknown, source = 'config'): AppConfig {
  const result = AppConfigSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`${source} is invalid:\n${lines.join('\n')}`);
  }
  const alerts = result.data.alerts;
  const routeRefs: Array<[string, string]> = [
    ...Object.entries(alerts.owners).map(([id, o]): [string, string] => [
      `alerts.owners.${id}.route`,
      o.route,
    ]),
    ...Object.entries(alerts.teams).map(([id, t]): [string, string] => [`alerts.teams.${id}.route`, t.route]),
    ...Object.entries(alerts.programRoutes).map(([id, r]): [string, string] => [
      `alerts.programRoutes.${id}`,
      r,
    ]),
    ...(alerts.managerRoute ? [['alerts.managerRoute', alerts.managerRoute] as [string, string]] : []),
  ];
  for (const [path, route] of routeRefs) {
    if (!alerts.routes[route])
      throw new ConfigError(`${source} is invalid:\n  - ${path}: unknown route "${route}"`);
  }
  for (const [program, team] of Object.entries(alerts.programTeams)) {
    if (!alerts.teams[team])
      throw new ConfigError(
        `${source} is invalid:\n  - alerts.programTeams.${program}: unknown team "${team}"`,
      );
  }
  for (const [id, program] of Object.entries(result.data.programs)) {
    for (const tz of [result.data.defaultTimeZone]) {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
      } catch {
        throw new ConfigError(
          `${source} is invalid:\n  - defaultTimeZone: unknown time zone "${tz}" (program ${id})`,
        );
      }
    }
    if (program.quietHours.start >= program.quietHours.end) {
      throw new ConfigError(`${source} is invalid:\n  - programs.${id}.quietHours: start must be before end`);
    }
  }
  return result.data;
}

export function loadConfigFile(path: string): AppConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read config file ${path}: ${(cause as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`${path} is not valid JSON: ${(cause as Error).message}`);
  }
  return parseConfig(raw, path);
}
