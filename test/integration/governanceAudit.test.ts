import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CanonicalEvent, canonicalEvent } from '../../events/index.js';
import { handler } from '../../functions/schedule/governance-audit.js';
import { localContext } from '../../infra/local/localApi.js';
import type { GovernanceAuditResult } from '../../shared/governance/auditJob.js';
import { logger } from '../../shared/observability/powertools.js';
import { documentClient } from '../../shared/store/dynamoClient.js';
import { DynamoEventStore } from '../../shared/store/dynamoEventStore.js';
import { startTestCloud } from '../support/cloud.js';

/**
 * The governance-audit job end to end on dynalite: events written through DynamoEventStore,
 * read back by arrival day and by recipient timeline, judged by auditSends.
 */
let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let store: DynamoEventStore;

beforeAll(async () => {
  cloud = await startTestCloud();
  logger.setLogLevel('SILENT');
  store = new DynamoEventStore(documentClient(), cloud.tableName);
});
afterAll(async () => cloud.stop());
afterEach(() => vi.restoreAllMocks());

let serial = 0;
const nextRef = () => {
  serial += 1;
  return serial.toString(16).padStart(32, '0');
};

/** A demo campaign SMS as sendMessage records it (New York numbers: 14:00Z is 10:00 EDT). */
function sent(to: string, at: string): CanonicalEvent {
  const messageId = `SM${nextRef()}`;
  return canonicalEvent(
    {
      type: 'message.sent',
      source: 'twilio',
      vendorRef: `${messageId}:sent`,
      occurredAt: at,
      phone: to,
      channel: 'sms',
      messageId,
      to,
      from: '+14155550199',
      programId: 'demo',
      kind: 'campaign',
      campaignId: 'spring-sale',
    },
    new Date(at),
  );
}

function consent(to: string, status: 'opted_in' | 'opted_out', at: string): CanonicalEvent {
  return canonicalEvent(
    {
      type: 'consent.changed',
      source: 'internal',
      vendorRef: `${nextRef()}:consent`,
      occurredAt: at,
      phone: to,
      channel: 'sms',
      status,
      scope: { kind: 'all' },
      evidence: { method: 'keyword', keyword: status === 'opted_out' ? 'STOP' : 'START' },
    },
    new Date(at),
  );
}

async function record(...events: CanonicalEvent[]): Promise<void> {
  for (const event of events) await store.record(event);
}

const run = (event: Record<string, unknown>) =>
  handler(event, localContext('governanceAudit')) as Promise<GovernanceAuditResult>;

describe('Job: governance-audit on dynalite', () => {
  it('finds no breach in a clean history, seeing an opt-in older than the days it audits', async () => {
    // Prepare: the opt-in arrived weeks before the audited days; one send a day after it.
    const phone = '+12125550101';
    await record(
      consent(phone, 'opted_in', '2026-05-20T12:00:00Z'),
      sent(phone, '2026-06-10T14:00:00Z'),
      sent(phone, '2026-06-11T14:00:00Z'),
    );

    // Act
    const result = await run({ from: '2026-06-10', to: '2026-06-11' });

    // Assess
    expect(result).toEqual({
      from: '2026-06-10',
      to: '2026-06-11',
      checked: { sends: 2, consentChanges: 1 },
      skipped: [],
      breaches: [],
    });
  });

  it('finds a planted send after STOP and a send over the weekly cap, with their evidence', async () => {
    // Prepare: on 07-10, one number is texted after it texted STOP; another gets its fourth SMS
    // in 7 days, three of them sent before the audited day.
    const stopped = '+12125550102';
    const busy = '+12125550103';
    const stop = consent(stopped, 'opted_out', '2026-07-10T13:00:00Z');
    const afterStop = sent(stopped, '2026-07-10T14:00:00Z');
    const earlier = ['07', '08', '09'].map((day) => sent(busy, `2026-07-${day}T14:00:00Z`));
    const overCap = sent(busy, '2026-07-10T15:00:00Z');
    await record(
      consent(stopped, 'opted_in', '2026-07-01T12:00:00Z'),
      stop,
      afterStop,
      consent(busy, 'opted_in', '2026-07-01T12:00:00Z'),
      ...earlier,
      overCap,
    );

    // Act
    const result = await run({ from: '2026-07-10', to: '2026-07-10' });

    // Assess
    expect(result.checked.sends).toBe(2);
    expect(result.breaches).toEqual([
      expect.objectContaining({
        rule: 'consent',
        eventId: afterStop.eventId,
        evidence: [afterStop.eventId, stop.eventId],
      }),
      expect.objectContaining({
        rule: 'cap',
        eventId: overCap.eventId,
        evidence: [...earlier, overCap].map((e) => e.eventId),
      }),
    ]);
  });

  it('prints the breaches when run by hand, and logs one error per breach when scheduled', async () => {
    const phone = '+12125550104';
    await record(sent(phone, '2026-08-10T14:00:00Z')); // demo requires an opt-in: there is none
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const error = vi.spyOn(logger, 'error').mockImplementation(() => {});

    await run({ from: '2026-08-10', to: '2026-08-10', progress: true });
    const printed = stderr.mock.calls.map(([text]) => String(text)).join('');
    stderr.mockClear();
    const scheduled = await run({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      from: '2026-08-10',
      to: '2026-08-10',
    });

    expect(printed).toContain('1 send(s) checked');
    expect(printed).toMatch(/consent\s+evt_\w+ {2}SMS to \+12125550104 for demo .* with no opt-in on record/);
    expect(printed).toContain(`evidence: ${scheduled.breaches[0]?.eventId}`);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith('governance breach', scheduled.breaches[0]);
  });

  it('defaults to yesterday and today (UTC), and refuses a reversed range', async () => {
    const result = await run({});
    const today = new Date().toISOString().slice(0, 10);

    expect(result.to).toBe(today);
    expect(Date.parse(result.to) - Date.parse(result.from)).toBe(86_400_000);
    await expect(run({ from: '2026-06-11', to: '2026-06-10' })).rejects.toThrow('is after');
  });
});
