import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import { TABLE_INDEXES, TABLE_KEY } from '../../shared/store/tableLayout.js';
import { startDynaliteThread } from './dynaliteThread.js';

export const LOCAL_TABLE = 'sms-revenue-local';
export const LOCAL_QUEUE = 'sms-revenue-events';
export const LOCAL_DLQ = 'sms-revenue-events-dlq';
export const LOCAL_SEND_QUEUE = 'sms-revenue-sends';
export const LOCAL_SEND_DLQ = 'sms-revenue-sends-dlq';
/** Like the CDK redrive policy: a message that fails this many receives moves to the DLQ. */
export const LOCAL_MAX_RECEIVES = 5;

export interface LocalCloud {
  env: Record<string, string>;
  tableName: string;
  queueUrl: string;
  dlqUrl: string;
  sendQueueUrl: string;
  sendDlqUrl: string;
  stop(): Promise<void>;
}

/**
 * The laptop stand-in for the AWS services the functions use: dynalite (DynamoDB protocol,
 * persisted under `<dataDir>/dynamodb`, on a worker thread) and fauxqs (SQS protocol, in memory). Both listen on
 * loopback ports chosen by the OS; `env` holds the standard AWS_ENDPOINT_URL_* variables that
 * point the SDK clients at them.
 */
export async function startLocalCloud(options: {
  dataDir?: string;
  inMemory?: boolean;
}): Promise<LocalCloud> {
  const dynamoPath = options.inMemory || !options.dataDir ? undefined : join(options.dataDir, 'dynamodb');
  if (dynamoPath) mkdirSync(dynamoPath, { recursive: true });
  // On its own thread, so the DynamoDB side of each request does not share the handlers' core.
  const dynamo = await startDynaliteThread({
    path: dynamoPath,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const dynamoPort = dynamo.port;

  // fauxqs names queue URLs sqs.<region>.localhost:<port>, which the SQS client accepts.
  const sqs: FauxqsServer = await startFauxqs({ port: 0, logger: false });
  const dlq = sqs.createQueue(LOCAL_DLQ);
  const queue = sqs.createQueue(LOCAL_QUEUE, {
    attributes: {
      VisibilityTimeout: '10',
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: dlq.queueArn,
        maxReceiveCount: LOCAL_MAX_RECEIVES,
      }),
    },
  });

  const sendDlq = sqs.createQueue(LOCAL_SEND_DLQ);
  const sendQueue = sqs.createQueue(LOCAL_SEND_QUEUE, {
    attributes: {
      VisibilityTimeout: '10',
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: sendDlq.queueArn,
        maxReceiveCount: LOCAL_MAX_RECEIVES,
      }),
    },
  });

  const env = {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${dynamoPort}`,
    AWS_ENDPOINT_URL_SQS: sqs.address,
    TABLE_NAME: LOCAL_TABLE,
    EVENTS_QUEUE_URL: queue.queueUrl,
    SEND_QUEUE_URL: sendQueue.queueUrl,
  };
  await ensureTable(
    new DynamoDBClient({
      region: env.AWS_REGION,
      endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    LOCAL_TABLE,
  );

  return {
    env,
    tableName: LOCAL_TABLE,
    queueUrl: queue.queueUrl,
    dlqUrl: dlq.queueUrl,
    sendQueueUrl: sendQueue.queueUrl,
    sendDlqUrl: sendDlq.queueUrl,
    async stop() {
      await sqs.stop();
      await dynamo.stop();
    },
  };
}

/** Creates the operational table from the shared layout unless it exists (a restart keeps data). */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const indexes = Object.values(TABLE_INDEXES);
  const attributes = new Set<string>([TABLE_KEY.partitionKey, TABLE_KEY.sortKey]);
  for (const index of indexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE_KEY.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEY.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: indexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
}
