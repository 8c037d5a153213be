import type { SendRequest } from './sendRequest.js';

export interface DeferredSend {
  request: SendRequest & { requestId: string };
  until: string;
}

/** Durable timers for sends deferred past quiet hours (hours away: too long for an SQS delay). */
export interface DeferredSends {
  schedule(send: DeferredSend): Promise<void>;
  /** Sends whose time has come, oldest first. */
  due(now: Date, limit?: number): Promise<DeferredSend[]>;
  /** Forget released sends (after they are on the send queue). */
  remove(sends: readonly DeferredSend[]): Promise<void>;
}
