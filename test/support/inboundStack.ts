import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type ApiLambda, localContext } from '../../infra/local/localApi.js';
import { startLocalCloud } from '../../infra/local/localCloud.js';
import { ensureLocalSecrets, type LocalSecretFiles } from '../../infra/local/localSecrets.js';
import { type SqsLambda, startQueuePoller } from '../../infra/local/queuePoller.js';
import type { SignedRequest } from '../../infra/local/simulator/signers.js';
import { HTTP_FUNCTIONS, WORKER_FUNCTIONS } from '../../infra/routes.js';
import type { ProviderFamily } from '../../shared/providers/provider.js';
import { sqsClient } from '../../shared/queue/sqsClient.js';
import { installBus } from '../../shared/runtime/bus.js';
import { resetRuntimePorts } from '../../shared/runtime/ports.js';
import { documentClient } from '../../shared/store/dynamoClient.js';
import { countDynamoCalls, type DynamoCallCounter } from './dynamoCalls.js';

/** One vendor webhook call, signed as the vendor signs it. */
export interface InboundRequest {
  family: ProviderFamily;
  vendor: string;
  /** Path and query on the API, e.g. `/webhooks/sms/twilio?programId=demo`. */
  path: string;
  signed: SignedRequest;
}

/** What the webhook URLs are signed for (PUBLIC_BASE_URL). */
export const INBOUND_BASE_URL = 'https://hooks.example.test';

/**
 * The webhook + processor path alone, through the real handler modules, on dynalite and
 * fauxqs in memory: `post` invokes a webhook Lambda as API Gateway would, `drain` runs the
 * process-events Lambda on the events queue until it is empty (as the event source mapping
 * would), and `calls` counts every DynamoDB call of the shared client by operation. Domain
 * events stop at a bus that keeps them: the bus rules are other paths.
 */
export interface InboundStack {
  files: LocalSecretFiles;
  calls: DynamoCallCounter;
  client: DynamoDBDocumentClient;
  tableName: string;
  post(request: InboundRequest): Promise<APIGatewayProxyStructuredResultV2>;
  /** Processes the queue until empty; answers how many batches ran and records failed. */
  drain(): Promise<{ batches: number; failed: number }>;
  /** Stored events: from vendors, and derived by the processor (source `internal`). */
  storedEvents(): Promise<{ inbound: number; derived: number }>;
  stop(): Promise<void>;
}

function apiEvent(request: InboundRequest): APIGatewayProxyEventV2 {
  const [rawPath = '', rawQueryString = ''] = request.path.split('?');
  const now = Date.now();
  const routeKey = `POST /webhooks/${request.family}/{vendor}`;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers: { ...request.signed.headers },
    pathParameters: { vendor: request.vendor },
    requestContext: {
      accountId: '000000000000',
      apiId: 'inbound',
      domainName: new URL(INBOUND_BASE_URL).host,
      domainPrefix: 'hooks',
      http: {
        method: 'POST',
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.9',
        userAgent: 'test',
      },
      requestId: `inbound-${now}`,
      routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    body: Buffer.from(request.signed.body).toString('base64'),
    isBase64Encoded: true,
  };
}

async function loadHandler<T>(entry: string): Promise<T> {
  return ((await import(new URL(`../../${entry}`, import.meta.url).href)) as { handler: T }).handler;
}

async function countStoredEvents(client: DynamoDBDocumentClient, table: string) {
  let inbound = 0;
  let derived = 0;
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'begins_with(pk, :evt)',
        ExpressionAttributeValues: { ':evt': 'EVT#' },
        ExclusiveStartKey: cursor,
      }),
    );
    for (const item of page.Items ?? []) {
      if ((item.event as { source?: string }).source === 'internal') derived += 1;
      else inbound += 1;
    }
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return { inbound, derived };
}

export async function startInboundStack(): Promise<InboundStack> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dataDir = mkdtempSync(join(tmpdir(), 'inbound-stack-'));
  const cloud = await startLocalCloud({ inMemory: true });
  const saved = { ...process.env };
  const files = ensureLocalSecrets(dataDir);
  Object.assign(process.env, cloud.env, {
    SECRETS_FILE: files.secretsFile,
    CONFIG_FILE: fileURLToPath(new URL('../../config/example.json', import.meta.url)),
    PUBLIC_BASE_URL: INBOUND_BASE_URL,
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    POWERTOOLS_TRACE_ENABLED: 'false',
  });
  resetRuntimePorts();
  installBus({ publish: async () => {} });
  const handlers: Record<ProviderFamily, ApiLambda> = {
    sms: await loadHandler<ApiLambda>(HTTP_FUNCTIONS.smsWebhook.entry),
    crm: await loadHandler<ApiLambda>(HTTP_FUNCTIONS.crmWebhook.entry),
    email: await loadHandler<ApiLambda>(HTTP_FUNCTIONS.emailWebhook.entry),
  };
  const processEvents = await loadHandler<SqsLambda>(WORKER_FUNCTIONS.processEvents.entry);
  const client = documentClient();
  const calls = countDynamoCalls(client);
  return {
    files,
    calls,
    client,
    tableName: cloud.tableName,
    post: (request) => handlers[request.family](apiEvent(request), localContext(`${request.family}Webhook`)),
    async drain() {
      let batches = 0;
      let failed = 0;
      // A poller per drain, so nothing processes while webhooks are posted: each call is
      // counted on the side that made it.
      const poller = startQueuePoller({
        client: sqsClient(),
        queueUrl: cloud.queueUrl,
        handler: processEvents,
        functionName: 'processEvents',
        idleMs: 5,
        onBatch: (summary) => {
          batches += 1;
          failed += summary.failed;
        },
      });
      await poller.drain();
      await poller.stop();
      return { batches, failed };
    },
    storedEvents: () => countStoredEvents(client, cloud.tableName),
    async stop() {
      calls.detach();
      process.env = saved;
      resetRuntimePorts();
      await cloud.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
