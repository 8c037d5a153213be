import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ATHENA_ENV } from '../../shared/attribution/job/athenaEnv.js';
import { ATTRIBUTION_SQL_READS } from '../../shared/attribution/sql/attributionSql.js';
import { ENV } from '../../shared/config/runtimeEnv.js';
import { LAKE_ENV } from '../../shared/lake/lakeEnv.js';
import { SCORECARDS_SQL_READS } from '../../shared/scorecards/sql/scorecardsSql.js';
import { DAILY_CHAIN, SCHEDULED_FUNCTIONS } from '../routes.js';
import { DailyChain } from './dailyChain.js';
import type { OperationalTable } from './operationalTable.js';
import { pascal, TeamFunction } from './teamFunction.js';

type ScheduledFunctionName = keyof typeof SCHEDULED_FUNCTIONS;
const DAY_MINUTES = 1440;

/** What each scheduled function may touch. Keyed by its name: a new function must say. */
interface ScheduledAccess {
  table: 'read' | 'readWrite';
  /** Puts send requests on the send queue. */
  feedsSendQueue: boolean;
  /** Appends canonical events to the events queue. */
  appendsEvents: boolean;
  /** Reads the vendor secret (Slack webhook URLs and bot token live there). */
  readsSecrets: boolean;
  /**
   * The program config it reads: `alerts` (APP_CONFIG, whose alerts section routes, and the
   * Slack API base URL) or `program` (APP_CONFIG alone).
   */
  config?: 'alerts' | 'program';
  /** Rewrites days of the Parquet lake: the bucket under `lake/` (read, write, delete). */
  writesLake?: true;
  /** Reads the lake (`lake/`) and writes rendered reports under `reports/` of the bucket. */
  writesReports?: true;
  /** Hashes phone numbers and emails into the lake: reads the PII salt. */
  hashesPii?: true;
  /**
   * Runs SQL on Athena in the lake's workgroup over these tables, UNLOADing into the lake
   * (with `writesLake`), when `when` holds for the stack's settings.
   */
  queriesAthena?: { reads: readonly string[]; when: (props: SchedulesProps) => boolean };
  /** @default the Schedules timeout prop */
  timeout?: Duration;
  /** @default TeamFunction's 512 MB */
  memorySize?: number;
  /** Memory when `queriesAthena` applies: the function then waits for Athena, it holds no data. @default memorySize */
  athenaMemorySize?: number;
}

const ACCESS: Record<ScheduledFunctionName, ScheduledAccess> = {
  // Reads due SLA timers and alerts, marks escalations, posts to the manager route,
  // appends alert.escalated.
  slaCheck: {
    table: 'readWrite',
    feedsSendQueue: false,
    appendsEvents: true,
    readsSecrets: true,
    config: 'alerts',
  },
  // Reads due timers, queues their sends, then deletes the timers.
  releaseDeferred: { table: 'readWrite', feedsSendQueue: true, appendsEvents: false, readsSecrets: false },
  // Reads events by arrival day; writes its watermark and lease items, and Parquet parts of
  // up to a million rows each (encoded in memory), so more memory and minutes than the rest.
  lakeExport: {
    table: 'readWrite',
    feedsSendQueue: false,
    appendsEvents: false,
    readsSecrets: false,
    writesLake: true,
    hashesPii: true,
    timeout: Duration.minutes(10),
    memorySize: 1024,
  },
  // Reads the event history only, and checks it against the program's caps and quiet hours.
  governanceAudit: {
    table: 'read',
    feedsSendQueue: false,
    appendsEvents: false,
    readsSecrets: false,
    config: 'program',
    timeout: Duration.minutes(10),
  },
  // Reads the lake's events (the CRM history, then the touches the outcome days can use),
  // writes its lease and watermark items and replaces the days of attribution_credits and
  // pipeline_outcomes. Its touch index holds every touch of the lookback (~40 B each), so the
  // most memory and minutes of any schedule. It reads hashes and never makes one: no salt.
  // With attribution.engine "athena" the SQL twin runs on Athena instead: only then may it.
  attribution: {
    table: 'readWrite',
    feedsSendQueue: false,
    appendsEvents: false,
    readsSecrets: false,
    config: 'program',
    writesLake: true,
    queriesAthena: { reads: ATTRIBUTION_SQL_READS, when: (props) => props.attributionEngine === 'athena' },
    timeout: Duration.minutes(15),
    memorySize: 3008,
  },
  // Reads the lake (sends, decisions, events, consent, alerts, attribution's two tables) and
  // replaces days of scorecards; lease and watermark items. Holds one record per message of
  // all time in memory: test/bench/dailyJobs.ts projects ~7 GB and ~5 minutes of CPU for 1M
  // contacts / 10M events over 90 days, hence Lambda's largest memory (and the CPU it brings).
  // It reads hashes and never makes one: no salt. With scorecards.engine "athena" the SQL twin
  // runs on Athena instead (only then may it), and the function only waits and copies the
  // staged days: 1 GB.
  scorecards: {
    table: 'readWrite',
    feedsSendQueue: false,
    appendsEvents: false,
    readsSecrets: false,
    config: 'program',
    writesLake: true,
    queriesAthena: { reads: SCORECARDS_SQL_READS, when: (props) => props.scorecardsEngine === 'athena' },
    timeout: Duration.minutes(15),
    memorySize: 10_240,
    athenaMemorySize: 1024,
  },
  // Reads the lake (send_decisions, pipeline_outcomes, events, scorecards), holds the period's
  // exposures and outcomes in memory, writes lease and watermark items and replaces days of
  // holdout_cohorts, lift_results and ltv_cohorts. Reads hashes, never makes one: no salt.
  holdouts: {
    table: 'readWrite',
    feedsSendQueue: false,
    appendsEvents: false,
    readsSecrets: false,
    config: 'program',
    writesLake: true,
    timeout: Duration.minutes(15),
    memorySize: 3008,
  },
  // Reads the report's window of scorecards and the latest lift_results and ltv_cohorts, writes
  // one HTML object under reports/. No table item, no salt, no lake write.
  report: {
    table: 'read',
    feedsSendQueue: false,
    appendsEvents: false,
    readsSecrets: false,
    writesReports: true,
    timeout: Duration.minutes(5),
    memorySize: 1024,
  },
};

/** The lake a scheduled function writes (see AnalyticsLake). */
export interface LakeAccess {
  readonly bucket: s3.IBucket;
  /** The generated secret whose value is the PII salt. */
  readonly piiSalt: secretsmanager.ISecret;
  /** The Glue database of the lake tables, and the Athena workgroup that queries them. */
  readonly databaseName: string;
  readonly workGroup: { readonly ref: string };
  /** Lets a function replace days of the lake. */
  grantLakeWriter(fn: TeamFunction): void;
  /** Lets a function read the salt. */
  grantPiiSaltRead(fn: TeamFunction): void;
  /** Lets a function read the lake and write reports under `reports/`. */
  grantReportWriter(fn: TeamFunction): void;
  /** Lets a function run Athena queries over these tables in the workgroup. */
  grantAthenaQueries(fn: TeamFunction, tables: readonly string[]): void;
}

export interface SchedulesProps {
  readonly table: OperationalTable;
  /** The shared runtime wiring needs its URL; only functions that append events may send. */
  readonly eventsQueue: sqs.IQueue;
  readonly sendQueue: sqs.IQueue;
  readonly secret: secretsmanager.ISecret;
  /** Variables of the functions that answer Slack (see infra/gateEnvironment.ts). */
  readonly alertEnvironment: Record<string, string>;
  /** APP_CONFIG alone, for functions that read the program config and call no vendor. */
  readonly configEnvironment: Record<string, string>;
  readonly lake: LakeAccess;
  /**
   * The config's `attribution.engine`: the attribution function may run Athena queries only
   * when it is "athena" (changing it changes APP_CONFIG, so it is a deploy either way).
   * @default 'lambda'
   */
  readonly attributionEngine?: 'lambda' | 'athena';
  /**
   * The config's `scorecards.engine`: as attributionEngine, for the scorecards function.
   * `duckdb` runs only on a laptop, so a stack refuses it.
   * @default 'lambda'
   */
  readonly scorecardsEngine?: 'lambda' | 'duckdb' | 'athena';
  /**
   * Of functions without their own: well under the shortest period, so runs seldom overlap;
   * an overlap is harmless anyway (a released send is idempotent on its request id).
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;
}

/**
 * One function per SCHEDULED_FUNCTIONS entry (infra/routes.ts, shared with the local runner),
 * each run by its own EventBridge rule at the rate the table gives, except the daily jobs,
 * which the daily chain runs in DAILY_CHAIN's order.
 */
export class Schedules extends Construct {
  readonly functions: Record<ScheduledFunctionName, TeamFunction>;
  /** The functions' own rules; the daily jobs have none (the daily chain starts them). */
  readonly rules: Partial<Record<ScheduledFunctionName, events.Rule>>;
  readonly dailyChain: DailyChain;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    if (props.scorecardsEngine === 'duckdb')
      throw new Error(
        'scorecards.engine "duckdb" runs only on a laptop (npm run job, npm start): deploy with "athena" or "lambda"',
      );

    const entries = Object.entries(SCHEDULED_FUNCTIONS) as [
      ScheduledFunctionName,
      (typeof SCHEDULED_FUNCTIONS)[ScheduledFunctionName],
    ][];
    const built = entries.map(([name, spec]) => {
      const access = ACCESS[name];
      const queriesAthena = access.queriesAthena?.when(props) ? access.queriesAthena : undefined;
      const fn = new TeamFunction(this, pascal(name), {
        entry: spec.entry,
        description: spec.description,
        timeout: access.timeout ?? props.timeout ?? Duration.seconds(30),
        memorySize: (queriesAthena && access.athenaMemorySize) || access.memorySize,
        environment: {
          [ENV.tableName]: props.table.table.tableName,
          [ENV.eventsQueueUrl]: props.eventsQueue.queueUrl,
          ...(access.feedsSendQueue ? { [ENV.sendQueueUrl]: props.sendQueue.queueUrl } : {}),
          ...(access.readsSecrets ? { [ENV.secretsArn]: props.secret.secretArn } : {}),
          ...(access.config === 'alerts' ? props.alertEnvironment : {}),
          ...(access.config === 'program' ? props.configEnvironment : {}),
          ...(access.writesLake || access.writesReports
            ? { [LAKE_ENV.bucket]: props.lake.bucket.bucketName }
            : {}),
          ...(access.hashesPii ? { [LAKE_ENV.piiSaltSecretArn]: props.lake.piiSalt.secretArn } : {}),
          ...(queriesAthena
            ? {
                [ATHENA_ENV.workGroup]: props.lake.workGroup.ref,
                [ATHENA_ENV.database]: props.lake.databaseName,
              }
            : {}),
        },
      });
      if (access.table === 'readWrite') props.table.table.grantReadWriteData(fn.function);
      else props.table.table.grantReadData(fn.function);
      props.table.acknowledgeIndexGrant(fn.role);
      if (access.feedsSendQueue) props.sendQueue.grantSendMessages(fn.function);
      if (access.appendsEvents) props.eventsQueue.grantSendMessages(fn.function);
      if (access.readsSecrets) props.secret.grantRead(fn.function);
      if (access.writesLake) props.lake.grantLakeWriter(fn);
      if (access.hashesPii) props.lake.grantPiiSaltRead(fn);
      if (access.writesReports) props.lake.grantReportWriter(fn);
      if (queriesAthena) props.lake.grantAthenaQueries(fn, queriesAthena.reads);

      const chainedDaily =
        (DAILY_CHAIN as readonly string[]).includes(name) && spec.everyMinutes >= DAY_MINUTES;
      const rule = chainedDaily
        ? undefined
        : new events.Rule(this, `${pascal(name)}Schedule`, {
            description: `Runs ${spec.entry} every ${spec.everyMinutes} minute(s)`,
            schedule: events.Schedule.rate(Duration.minutes(spec.everyMinutes)),
            targets: [new targets.LambdaFunction(fn.function)],
          });
      return { name, fn, rule };
    });
    this.functions = Object.fromEntries(built.map((b) => [b.name, b.fn])) as Record<
      ScheduledFunctionName,
      TeamFunction
    >;
    this.rules = Object.fromEntries(built.filter((b) => b.rule).map((b) => [b.name, b.rule])) as Partial<
      Record<ScheduledFunctionName, events.Rule>
    >;
    this.dailyChain = new DailyChain(this, 'DailyChain', {
      steps: DAILY_CHAIN.map((name) => ({ name, fn: this.functions[name].function })),
    });
  }
}
