// (sqs) events queue -> parse each canonical event -> domain events on the bus.
// Partial batch failures: a poison record is retried alone and ends in the DLQ without
// blocking the rest of its batch.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { CanonicalEventSchema } from '../../events/index.js';
import { logger } from '../../shared/observability/powertools.js';
import { domainEventsFor } from '../../shared/processing/domainEventsFor.js';
import { runtimeBus } from '../../shared/runtime/bus.js';

const processor = new BatchProcessor(EventType.SQS);

async function processRecord(record: SQSRecord): Promise<void> {
  const event = CanonicalEventSchema.parse(JSON.parse(record.body));
  await runtimeBus().publish(domainEventsFor(event));
}

export const handler = middy((event: SQSEvent) =>
  processPartialResponse(event, processRecord, processor),
).use(injectLambdaContext(logger, { resetKeys: true }));
