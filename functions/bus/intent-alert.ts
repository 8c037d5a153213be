// (bus rule: IntentDetected) -> alert state -> Slack Block Kit -> SLA timer.
// A failure throws: EventBridge retries the target and dead-letters it, so no alert is lost;
// the alert state makes a redelivery a no-op, so none is posted twice.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { DomainEventSchemas } from '../../events/domain.js';
import { postIntentAlert } from '../../shared/alerts/postIntentAlert.js';
import { logger } from '../../shared/observability/powertools.js';
import { alertPorts } from '../../shared/runtime/alertPorts.js';

export const handler = middy(async (event: EventBridgeEvent<'IntentDetected', unknown>) => {
  const { event: intent } = DomainEventSchemas.IntentDetected.parse(event.detail);
  const outcome = await postIntentAlert(intent, alertPorts());
  logger.info('intent alert', { outcome, eventId: intent.eventId });
  return { outcome };
}).use(injectLambdaContext(logger, { resetKeys: true }));
