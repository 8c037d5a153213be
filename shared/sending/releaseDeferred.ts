import type { DeferredSends } from './deferredSends.js';
import type { SendRequest } from './sendRequest.js';

/**
 * (schedule, every minute) -> deferred sends whose window opened -> send queue -> forget them.
 * Enqueue first, remove after: a crash in between re-enqueues, and the send is idempotent on
 * its request id, so nothing is lost and nothing is sent twice.
 */
export async function releaseDeferred(ports: {
  deferred: DeferredSends;
  enqueue: (requests: ReadonlyArray<SendRequest & { requestId: string }>) => Promise<void>;
  now: () => Date;
}): Promise<{ released: number }> {
  const due = await ports.deferred.due(ports.now());
  if (due.length === 0) return { released: 0 };
  await ports.enqueue(due.map((d) => d.request));
  await ports.deferred.remove(due);
  return { released: due.length };
}
