import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Reads a vendor fixture as text: `fixtureText('twilio', 'inbound.form')`. */
export function fixtureText(vendor: string, name: string): string {
  return readFileSync(join(root, vendor, name), 'utf8');
}

/** Reads a JSON fixture, a fresh copy each call so a test may change it. */
export function fixtureJson<T = unknown>(vendor: string, name: string): T {
  return structuredClone(JSON.parse(fixtureText(vendor, `${name}.json`))) as T;
}
