import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EventProcessing } from './constructs/eventProcessing.js';
import { IngestApi } from './constructs/ingestApi.js';
import { Monitoring } from './constructs/monitoring.js';
import { OperationalTable } from './constructs/operationalTable.js';
import { VendorSecrets } from './constructs/vendorSecrets.js';

export interface SmsRevenueStackProps extends StackProps {
  /**
   * Base URL vendors call (custom domain or proxy). URL-signed schemes (Twilio, Plivo) verify
   * against it, and tracked links are built on it.
   * @default - the API's own execute-api URL, as seen by each request
   */
  readonly publicBaseUrl?: string;
  /** Email that receives the alarms. @default - none; subscribe to the AlarmTopic output */
  readonly alarmEmail?: string;
  /** Steady-state requests per second across the API. @default 100 */
  readonly apiRateLimit?: number;
  /** Burst of requests across the API. @default 200 */
  readonly apiBurstLimit?: number;
}

/**
 * The SMS revenue backend: vendors -> ingest API -> operational table + events queue ->
 * processing -> EventBridge bus; alarms on the whole path.
 */
export class SmsRevenueStack extends Stack {
  readonly table: OperationalTable;
  readonly secrets: VendorSecrets;
  readonly processing: EventProcessing;
  readonly ingest: IngestApi;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: SmsRevenueStackProps = {}) {
    super(scope, id, props);

    this.table = new OperationalTable(this, 'Operational');
    this.secrets = new VendorSecrets(this, 'VendorSecrets');
    this.processing = new EventProcessing(this, 'Processing', { table: this.table });
    this.ingest = new IngestApi(this, 'Ingest', {
      table: this.table,
      queue: this.processing.queue,
      secret: this.secrets.secret,
      publicBaseUrl: props.publicBaseUrl,
      rateLimit: props.apiRateLimit,
      burstLimit: props.apiBurstLimit,
    });

    const functions = { ...this.ingest.functions, ...this.processing.functions };
    this.monitoring = new Monitoring(this, 'Monitoring', {
      api: this.ingest.api,
      functions: Object.fromEntries(Object.entries(functions).map(([name, fn]) => [name, fn.function])),
      queue: this.processing.queue,
      deadLetterQueue: this.processing.deadLetterQueue,
      alarmEmail: props.alarmEmail,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.ingest.url });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    new CfnOutput(this, 'SecretArn', { value: this.secrets.secret.secretArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
  }
}
