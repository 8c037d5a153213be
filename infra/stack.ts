import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AnalyticsLake, type AnalyticsLakeProps } from './constructs/analyticsLake.js';
import { BusFunctions } from './constructs/busFunctions.js';
import { EventProcessing } from './constructs/eventProcessing.js';
import { IngestApi } from './constructs/ingestApi.js';
import { Monitoring } from './constructs/monitoring.js';
import { OperationalTable } from './constructs/operationalTable.js';
import { Schedules } from './constructs/schedules.js';
import { Sending } from './constructs/sending.js';
import type { TeamFunction } from './constructs/teamFunction.js';
import { VendorSecrets } from './constructs/vendorSecrets.js';
import { type GateSettings, gateEnvironment } from './gateEnvironment.js';
import type { BUS_FUNCTIONS, HTTP_FUNCTIONS, SCHEDULED_FUNCTIONS, WORKER_FUNCTIONS } from './routes.js';

export interface SmsRevenueStackProps extends StackProps, GateSettings {
  /**
   * Base URL vendors call (custom domain or proxy). URL-signed schemes (Twilio, Plivo) verify
   * against it, and tracked links and send status callbacks are built on it.
   * @default - the API's own execute-api URL
   */
  readonly publicBaseUrl?: string;
  /** Email that receives the alarms. @default - none; subscribe to the AlarmTopic output */
  readonly alarmEmail?: string;
  /** Steady-state requests per second across the API. @default 100 */
  readonly apiRateLimit?: number;
  /** Burst of requests across the API. @default 200 */
  readonly apiBurstLimit?: number;
  /** Names, limits and retention of the analytics lake. @default - see AnalyticsLakeProps */
  readonly lake?: AnalyticsLakeProps;
}

/** Every function of the stack: one per entry of the tables in infra/routes.ts. */
type FunctionName =
  | keyof typeof HTTP_FUNCTIONS
  | keyof typeof WORKER_FUNCTIONS
  | keyof typeof BUS_FUNCTIONS
  | keyof typeof SCHEDULED_FUNCTIONS;

/**
 * The SMS revenue backend: vendors -> ingest API -> operational table + events queue ->
 * processing -> EventBridge bus -> intent alerts in Slack (claimed from /slack/actions,
 * escalated on a schedule); sends through the gate from the API and the send queue, deferred
 * sends released on a schedule; an hourly export to the Parquet lake that Athena queries;
 * alarms on the whole path.
 */
export class SmsRevenueStack extends Stack {
  readonly table: OperationalTable;
  readonly secrets: VendorSecrets;
  readonly processing: EventProcessing;
  readonly ingest: IngestApi;
  readonly sending: Sending;
  readonly busFunctions: BusFunctions;
  readonly lake: AnalyticsLake;
  readonly schedules: Schedules;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: SmsRevenueStackProps = {}) {
    super(scope, id, props);

    // First: a bad program config stops the synth before anything else is built.
    const gate = gateEnvironment(props);

    this.table = new OperationalTable(this, 'Operational');
    this.secrets = new VendorSecrets(this, 'VendorSecrets');
    this.processing = new EventProcessing(this, 'Processing', {
      table: this.table,
      secret: this.secrets.secret,
      gateEnvironment: gate.environment,
      publicBaseUrl: props.publicBaseUrl,
    });
    this.ingest = new IngestApi(this, 'Ingest', {
      table: this.table,
      queue: this.processing.queue,
      secret: this.secrets.secret,
      gateEnvironment: gate.environment,
      alertEnvironment: gate.alertEnvironment,
      publicBaseUrl: props.publicBaseUrl,
      rateLimit: props.apiRateLimit,
      burstLimit: props.apiBurstLimit,
    });
    this.sending = new Sending(this, 'Sending', {
      table: this.table,
      eventsQueue: this.processing.queue,
      secret: this.secrets.secret,
      gateEnvironment: gate.environment,
      // The send worker has no request to take a host from: without a public URL, the API's own.
      publicBaseUrl: props.publicBaseUrl ?? this.ingest.api.apiEndpoint,
    });
    this.busFunctions = new BusFunctions(this, 'BusFunctions', {
      bus: this.processing.bus,
      table: this.table,
      eventsQueue: this.processing.queue,
      secret: this.secrets.secret,
      alertEnvironment: gate.alertEnvironment,
    });
    this.lake = new AnalyticsLake(this, 'Lake', props.lake);
    this.schedules = new Schedules(this, 'Schedules', {
      table: this.table,
      eventsQueue: this.processing.queue,
      sendQueue: this.sending.queue,
      secret: this.secrets.secret,
      alertEnvironment: gate.alertEnvironment,
      configEnvironment: gate.configEnvironment,
      lake: this.lake,
      attributionEngine: gate.config.attribution?.engine,
      scorecardsEngine: gate.config.scorecards?.engine,
    });

    const functions: Record<FunctionName, TeamFunction> = {
      ...this.ingest.functions,
      ...this.processing.functions,
      ...this.sending.functions,
      ...this.busFunctions.functions,
      ...this.schedules.functions,
    };
    this.monitoring = new Monitoring(this, 'Monitoring', {
      api: this.ingest.api,
      functions: Object.fromEntries(Object.entries(functions).map(([name, fn]) => [name, fn.function])),
      queue: this.processing.queue,
      deadLetterQueues: {
        Events: {
          queue: this.processing.deadLetterQueue,
          alarmDescription:
            'Events failed processing on every receive and sit in the events dead-letter queue: inspect, fix, redrive.',
        },
        Send: {
          queue: this.sending.deadLetterQueue,
          alarmDescription:
            'Send requests failed on every receive (vendor down or refusing, or a request the gate rejects) and sit in the send dead-letter queue: inspect, fix, redrive. A redrive never sends twice: sends are idempotent on their request id.',
        },
        ...this.busFunctions.deadLetterWatches,
      },
      alarmEmail: props.alarmEmail,
      dailyChain: this.schedules.dailyChain.stateMachine,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.ingest.url });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    new CfnOutput(this, 'SecretArn', { value: this.secrets.secret.secretArn });
    new CfnOutput(this, 'EventsQueueUrl', { value: this.processing.queue.queueUrl });
    new CfnOutput(this, 'SendQueueUrl', { value: this.sending.queue.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
    new CfnOutput(this, 'LakeBucketName', { value: this.lake.bucket.bucketName });
    new CfnOutput(this, 'GlueDatabaseName', { value: this.lake.databaseName });
    new CfnOutput(this, 'AthenaWorkGroupName', { value: this.lake.workGroup.ref });
  }
}
