import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DomainBus } from '../bus/domainBus.js';
import { EventBridgeBus } from '../bus/eventBridgeBus.js';
import { ENV, requireEnv } from '../config/runtimeEnv.js';

let bus: DomainBus | undefined;

/** The bus from the environment; the local runner installs its in-process router instead. */
export function runtimeBus(): DomainBus {
  bus ??= new EventBridgeBus(new EventBridgeClient({}), requireEnv(ENV.eventBusName));
  return bus;
}

export function installBus(replacement: DomainBus): void {
  bus = replacement;
}
