import type { LocalStack } from './localStack.js';
import { DEMO_CONTACT_PHONE, demoSteps } from './simulator/demoStory.js';

export interface DemoResult {
  posted: number;
  accepted: number;
  failures: string[];
  timeline: number;
}

/**
 * Replays a small bundled story through the stack's own public endpoints, each request signed
 * exactly as its vendor signs, then prints what landed in the contact's timeline.
 */
export async function runDemo(
  stack: LocalStack,
  print: (line: string) => void = () => {},
): Promise<DemoResult> {
  const steps = demoSteps(stack, new Date());
  print(`Replaying the demo: ${steps.length} signed vendor webhooks…`);
  const failures: string[] = [];
  let accepted = 0;
  for (const [index, step] of steps.entries()) {
    const response = await fetch(`${stack.baseUrl}${step.path}`, {
      method: 'POST',
      headers: step.request.headers,
      body: step.request.body,
    });
    const text = await response.text();
    if (response.ok) accepted += 1;
    else failures.push(`${step.label}: ${response.status} ${text}`);
    print(`  [${index + 1}/${steps.length}] ${step.label.padEnd(48)} ${response.status}`);
  }
  await stack.poller.drain();
  const timeline = await fetch(
    `${stack.baseUrl}/v1/timeline?phone=${encodeURIComponent(DEMO_CONTACT_PHONE)}`,
    { headers: { 'x-api-key': stack.secrets.API_KEY ?? '' } },
  );
  const { events = [] } = (await timeline.json()) as {
    events?: Array<{ type: string; occurredAt: string; source: string }>;
  };
  print(`\nTimeline of ${DEMO_CONTACT_PHONE} (${events.length} events):`);
  for (const event of events) print(`  ${event.occurredAt}  ${event.type.padEnd(24)} via ${event.source}`);
  if (failures.length)
    print(`\n${failures.length} demo request(s) were refused:\n  ${failures.join('\n  ')}`);
  print(
    `\nTry it: curl -H 'x-api-key: ${stack.secrets.API_KEY}' '${stack.baseUrl}/v1/timeline?phone=${encodeURIComponent(DEMO_CONTACT_PHONE)}'`,
  );
  return { posted: steps.length, accepted, failures, timeline: events.length };
}
