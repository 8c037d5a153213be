import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * An SQS client that talks to AWS_ENDPOINT_URL_SQS when it is set (fauxqs, LocalStack).
 * Local emulators hand out queue URLs whose host does not resolve, so the client is told to
 * use its configured endpoint rather than the queue URL's host. On a local endpoint the MD5
 * checks of message bodies are skipped: they guard a network path that is a loopback socket
 * there, and hashing every body twice was a visible share of the simulated world's CPU.
 */
export function sqsClient(): SQSClient {
  const local = Boolean(process.env.AWS_ENDPOINT_URL_SQS);
  return new SQSClient({
    useQueueUrlAsEndpoint: !local,
    // Our commands are sent without per-call options, so the resolved middleware can be reused.
    cacheMiddleware: true,
    ...(local ? { md5: false as const } : {}),
  });
}
