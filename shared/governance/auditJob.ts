import { z } from 'zod';
import type { CanonicalEvent } from '../../events/index.js';
import type { AppConfig } from '../config/programConfig.js';
import type { EventStore } from '../store/eventStore.js';
import { type AuditReport, auditSends } from './audit.js';
import { addDays } from './localTime.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a UTC day as YYYY-MM-DD');

/** Events read per recipient; a contact with more is an anomaly worth a look of its own. */
const TIMELINE_LIMIT = 100_000;

/** The longest range one run reads: a month of days is already one Lambda's worth of queries. */
export const MAX_AUDIT_DAYS = 31;

/**
 * What the daily schedule (an EventBridge Scheduled Event, whose other fields are ignored) or
 * `npm run job -- governance-audit [--from D] [--to D]` passes. Days are UTC and inclusive.
 * @example {"from":"2026-11-24","to":"2026-11-25","progress":true}
 */
export const AuditJobEventSchema = z.object({
  from: Day.optional(),
  to: Day.optional(),
  /** Set by the local job runner: print the breaches for a person to read. */
  progress: z.boolean().optional(),
});
export type AuditJobEvent = z.infer<typeof AuditJobEventSchema>;

export interface GovernanceAuditResult extends AuditReport {
  from: string;
  to: string;
}

/**
 * The days to audit: `from`..`to`, where `to` defaults to today and `from` to the day before
 * `to` (UTC), so a daily run sees each day twice and late-arriving events are not missed.
 */
export function auditDays(event: AuditJobEvent, now: Date): string[] {
  const to = event.to ?? now.toISOString().slice(0, 10);
  const from = event.from ?? addDays(to, -1);
  if (from > to) throw new RangeError(`from (${from}) is after to (${to})`);
  const days = [from];
  while (days.at(-1)! < to) days.push(addDays(days.at(-1)!, 1));
  if (days.length > MAX_AUDIT_DAYS) {
    throw new RangeError(`${days.length} days asked for; audit at most ${MAX_AUDIT_DAYS} per run`);
  }
  return days;
}

/**
 * (schedule, daily) -> events received on each day -> every event of each recipient texted
 * (their consent history, earlier sends in the cap windows, CRM time zones) -> auditSends,
 * judging only the sends received in the range.
 */
export async function runGovernanceAudit(
  ports: { events: EventStore; config: AppConfig },
  days: readonly string[],
): Promise<GovernanceAuditResult> {
  const from = days[0];
  const to = days.at(-1);
  if (!from || !to) throw new RangeError('no day to audit');
  const received: CanonicalEvent[] = [];
  for (const day of days) received.push(...(await ports.events.eventsReceivedOn(day)));

  const recipients = new Set(
    received.flatMap((e) => (e.type === 'message.sent' && e.channel === 'sms' ? [e.to] : [])),
  );
  const context: CanonicalEvent[] = [];
  for (const phone of recipients) {
    context.push(...(await ports.events.timeline({ phone }, { limit: TIMELINE_LIMIT })));
  }

  const window = { from: `${from}T00:00:00.000Z`, to: `${addDays(to, 1)}T00:00:00.000Z` };
  return { from, to, ...auditSends([...received, ...context], ports.config, { window }) };
}

/** The report as a person reads it at a terminal. */
export function describeAudit(result: GovernanceAuditResult): string {
  const { checked, skipped, breaches } = result;
  const lines = [
    `governance audit ${result.from}..${result.to}: ${checked.sends} send(s) checked against ` +
      `${checked.consentChanges} consent change(s), ${skipped.length} skipped, ${breaches.length} breach(es)`,
  ];
  for (const breach of breaches) {
    lines.push(`  ${breach.rule.padEnd(11)} ${breach.eventId}  ${breach.detail}`);
    lines.push(`              evidence: ${breach.evidence.join(', ')}`);
  }
  for (const skip of skipped) lines.push(`  skipped     ${skip.eventId}  ${skip.reason}`);
  return lines.join('\n');
}
