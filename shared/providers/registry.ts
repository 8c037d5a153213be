import type { ProviderFamily, WebhookProvider } from './provider.js';
import { genericSms } from './sms/generic.js';

const PROVIDERS: readonly WebhookProvider[] = [genericSms];

/** The provider for `/webhooks/<family>/<vendor>`, or undefined (404). */
export function findProvider(
  family: ProviderFamily,
  vendor: string | undefined,
): WebhookProvider | undefined {
  return PROVIDERS.find((p) => p.family === family && p.vendor === vendor);
}

export function vendorsOf(family: ProviderFamily): string[] {
  return PROVIDERS.filter((p) => p.family === family).map((p) => p.vendor);
}
