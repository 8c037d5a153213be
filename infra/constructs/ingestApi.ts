import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config/runtimeEnv.js';
import { HTTP_FUNCTIONS, type HttpFunctionName, ROUTES, type RouteSpec } from '../routes.js';
import type { OperationalTable } from './operationalTable.js';
import { pascal, TeamFunction } from './teamFunction.js';

/** What each HTTP function may touch. Keyed by HttpFunctionName: a new function must say. */
interface FunctionAccess {
  table: 'read' | 'readWrite';
  /** Writes new canonical events to the events queue. */
  sendsEvents: boolean;
  /** Reads the vendor secrets (webhook signatures) or the ops API key. */
  readsSecrets: boolean;
  /**
   * The program config it reads: `gate` runs the send gate (APP_CONFIG and the vendor API base
   * URLs), `alerts` answers Slack (APP_CONFIG, whose alerts section routes, and the Slack API URL).
   */
  config?: 'gate' | 'alerts';
}

const ACCESS: Record<HttpFunctionName, FunctionAccess> = {
  smsWebhook: { table: 'readWrite', sendsEvents: true, readsSecrets: true },
  crmWebhook: { table: 'readWrite', sendsEvents: true, readsSecrets: true },
  emailWebhook: { table: 'readWrite', sendsEvents: true, readsSecrets: true },
  clickRedirect: { table: 'readWrite', sendsEvents: true, readsSecrets: false },
  links: { table: 'readWrite', sendsEvents: false, readsSecrets: true },
  timeline: { table: 'read', sendsEvents: false, readsSecrets: true },
  // Sends, records the decision (caps, ledger, timers) and appends message.sent & co.
  messages: { table: 'readWrite', sendsEvents: true, readsSecrets: true, config: 'gate' },
  // Answers what the gate would say and changes nothing: read-only by construction.
  decisions: { table: 'read', sendsEvents: false, readsSecrets: true, config: 'gate' },
  // Records claim/snooze/dismiss and appends the response event; verifies Slack's signature
  // (SLACK_SIGNING_SECRET) and updates the message with the bot token.
  slackActions: { table: 'readWrite', sendsEvents: true, readsSecrets: true, config: 'alerts' },
};

/** Why a route has no API Gateway authorizer; each is checked in the handler instead. */
function whyNoAuthorizer(route: RouteSpec): string {
  if (route.path.startsWith('/webhooks/')) {
    return 'Vendors cannot send our credentials; they sign each request, and the handler verifies that signature over the raw body before anything is stored.';
  }
  if (route.path.startsWith('/c/')) {
    return 'Tracked links are clicked by anyone who received the message; the unguessable link code is the only input and unknown codes record nothing.';
  }
  if (route.path.startsWith('/v1/')) {
    return 'The ops API checks the x-api-key header in the handler, in constant time, against API_KEY in Secrets Manager (rotatable without a deploy).';
  }
  if (route.path.startsWith('/slack/')) {
    return "Slack signs each interaction (v0 HMAC with the app's signing secret, 5-minute window); the handler verifies it over the raw body before anything is recorded.";
  }
  throw new Error(`route ${route.method} ${route.path} has no authorization story: add one here`);
}

export interface IngestApiProps {
  readonly table: OperationalTable;
  readonly queue: sqs.IQueue;
  readonly secret: secretsmanager.ISecret;
  /** Variables of the functions that run the send gate (see infra/gateEnvironment.ts). */
  readonly gateEnvironment: Record<string, string>;
  /** Variables of the functions that answer Slack (see infra/gateEnvironment.ts). */
  readonly alertEnvironment: Record<string, string>;
  /** Base URL vendors call, when a custom domain or proxy fronts the API. @default - the API's own URL */
  readonly publicBaseUrl?: string;
  /** Requests per second, steady state, across all routes of the stage. @default 100 */
  readonly rateLimit?: number;
  /** Requests allowed in a burst. @default 200 */
  readonly burstLimit?: number;
}

/**
 * The public HTTP surface: one HTTP API, one Lambda per HTTP_FUNCTIONS entry and one route per
 * ROUTES entry (infra/routes.ts, shared with the local server), a throttled default stage
 * and JSON access logs.
 */
export class IngestApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  readonly functions: Record<HttpFunctionName, TeamFunction>;

  constructor(scope: Construct, id: string, props: IngestApiProps) {
    super(scope, id);

    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'SMS revenue ingest: vendor webhooks, tracked links, ops API',
      createDefaultStage: false,
    });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 100, burstLimit: props.burstLimit ?? 200 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const environment: Record<string, string> = {
      [ENV.tableName]: props.table.table.tableName,
      // runtimePorts() builds every adapter up front, so even functions that never send need the URL.
      [ENV.eventsQueueUrl]: props.queue.queueUrl,
      ...(props.publicBaseUrl ? { [ENV.publicBaseUrl]: props.publicBaseUrl } : {}),
    };

    const entries = Object.entries(HTTP_FUNCTIONS) as [
      HttpFunctionName,
      (typeof HTTP_FUNCTIONS)[HttpFunctionName],
    ][];
    this.functions = Object.fromEntries(
      entries.map(([name, spec]) => {
        const access = ACCESS[name];
        const fn = new TeamFunction(this, pascal(name), {
          entry: spec.entry,
          description: spec.description,
          environment: {
            ...environment,
            ...(access.readsSecrets ? { [ENV.secretsArn]: props.secret.secretArn } : {}),
            ...(access.config === 'gate' ? props.gateEnvironment : {}),
            ...(access.config === 'alerts' ? props.alertEnvironment : {}),
          },
        });
        if (access.table === 'readWrite') props.table.table.grantReadWriteData(fn.function);
        else props.table.table.grantReadData(fn.function);
        props.table.acknowledgeIndexGrant(fn.role);
        if (access.sendsEvents) props.queue.grantSendMessages(fn.function);
        if (access.readsSecrets) props.secret.grantRead(fn.function);
        return [name, fn];
      }),
    ) as Record<HttpFunctionName, TeamFunction>;

    const integrations = new Map<HttpFunctionName, HttpLambdaIntegration>();
    for (const route of ROUTES) {
      let integration = integrations.get(route.fn);
      if (!integration) {
        integration = new HttpLambdaIntegration(
          `${pascal(route.fn)}Integration`,
          this.functions[route.fn].function,
        );
        integrations.set(route.fn, integration);
      }
      for (const httpRoute of this.api.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration,
      })) {
        Validations.of(httpRoute).acknowledge({ id: 'AwsSolutions-APIG4', reason: whyNoAuthorizer(route) });
      }
    }
  }

  /** The URL of the default stage, ending in `/`. */
  get url(): string {
    return this.stage.url;
  }
}
