import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * An SQS client that talks to AWS_ENDPOINT_URL_SQS when it is set (fauxqs, LocalStack).
 * Local emulators hand out queue URLs whose host does not resolve, so the client is told to
 * use its configured endpoint rather than the queue URL's host.
 */
export function sqsClient(): SQSClient {
  return new SQSClient({ useQueueUrlAsEndpoint: !process.env.AWS_ENDPOINT_URL_SQS });
}
