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
import { processEvent } from '../../shared/processing/processEvent.js';
import { alertPorts } from '../../shared/runtime/alertPorts.js';
import { runtimeBus } from '../../shared/runtime/bus.js';
import { sendPorts } from '../../shared/runtime/sendPorts.js';

const processor = new BatchProcessor(EventType.SQS);

async function processRecord(record: SQSRecord): Promise<void> {
  const event = CanonicalEventSchema.parse(JSON.parse(record.body));
  const ports = await sendPorts(process.env[ENV.publicBaseUrl] ?? '');
  await processEvent(event, { ...ports, alerts: alertPorts().alerts, bus: runtimeBus() });
}

export const handler = middy((event: SQSEvent) =>
  processPartialResponse(event, processRecord, processor),
).use(injectLambdaContext(logger, { resetKeys: true }));
