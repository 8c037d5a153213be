// (sqs) send queue -> send gate -> vendor API. A vendor outage fails only its record, which
// SQS redelivers later with the same requestId (no second cap, no double send).
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { ENV, requireEnv } from '../../shared/config/runtimeEnv.js';
import { logger } from '../../shared/observability/powertools.js';
import { sendPorts } from '../../shared/runtime/sendPorts.js';
import { sendMessage } from '../../shared/sending/sendMessage.js';

const processor = new BatchProcessor(EventType.SQS);

async function sendRecord(record: SQSRecord): Promise<void> {
  const outcome = await sendMessage(JSON.parse(record.body), await sendPorts(requireEnv(ENV.publicBaseUrl)));
  logger.info('send decided', {
    decision: outcome.decision,
    reason: outcome.reason,
    requestId: outcome.requestId,
  });
}

export const handler = middy((event: SQSEvent) => processPartialResponse(event, sendRecord, processor)).use(
  injectLambdaContext(logger, { resetKeys: true }),
);
