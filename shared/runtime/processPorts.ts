import { DynamoContactDirectory } from '../identity/dynamoContactDirectory.js';
import type { ProcessPorts } from '../processing/processEvent.js';
import { documentClient } from '../store/dynamoClient.js';
import { alertPorts } from './alertPorts.js';
import { runtimeBus } from './bus.js';
import { runtimePorts } from './ports.js';
import { sendPorts } from './sendPorts.js';

/**
 * The processor's adapters for one invocation (one queue batch). The directory remembers what
 * it read until the batch is done, so events of one phone or contact in a batch (a status
 * callback and its reply, a CRM batch's edits of one person) look it up once; a new invocation
 * starts with nothing remembered, so no read outlives its batch.
 */
export async function processPorts(publicBaseUrl: string): Promise<ProcessPorts> {
  const directory = new DynamoContactDirectory(documentClient(), runtimePorts().tableName).forInvocation();
  return {
    ...(await sendPorts(publicBaseUrl)),
    directory,
    alerts: alertPorts().alerts,
    bus: runtimeBus(),
  };
}
