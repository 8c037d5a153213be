import type { CanonicalEvent } from '../../events/index.js';

/** Hands canonical events to the asynchronous processors (SQS in AWS, fauxqs locally). */
export interface EventQueue {
  enqueue(events: readonly CanonicalEvent[]): Promise<void>;
}
