// (sqs) events queue -> identity, consent ledger, replies, collision windows -> domain events.
// Partial batch failures: a poison record is retried alone and ends in the DLQ without
// blocking the rest of its batch; every write is keyed by event id, so retries change nothing twice.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { CanonicalEventSchema } from '../../events/index.js';
import { ENV } from '../../shared/config/runtimeEnv.js';
import { logger } from '../../shared/observability/powertools.js';
import { type ProcessPorts, processEvent } from '../../shared/processing/processEvent.js';
import { processPorts } from '../../shared/runtime/processPorts.js';

const processor = new BatchProcessor(EventType.SQS);

async function processRecord(record: SQSRecord, ports: ProcessPorts): Promise<void> {
  const event = CanonicalEventSchema.parse(JSON.parse(record.body));
  await processEvent(event, ports);
}

// Ports per invocation: the batch's records share one directory read cache (processPorts).
export const handler = middy(async (event: SQSEvent) => {
  const ports = await processPorts(process.env[ENV.publicBaseUrl] ?? '');
  return processPartialResponse(event, (record: SQSRecord) => processRecord(record, ports), processor);
}).use(injectLambdaContext(logger, { resetKeys: true }));
