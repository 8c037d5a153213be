import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertState } from '../../shared/alerts/alertStore.js';
import { DynamoAlertStore } from '../../shared/alerts/dynamoAlertStore.js';
import { DynamoSlaTimers } from '../../shared/alerts/dynamoSlaTimers.js';
import { documentClient } from '../../shared/store/dynamoClient.js';
import { startTestCloud } from '../support/cloud.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let store: DynamoAlertStore;

beforeAll(async () => {
  cloud = await startTestCloud();
  store = new DynamoAlertStore(documentClient(), cloud.tableName);
});
afterAll(async () => cloud.stop());

const state = (alertId: string): AlertState => ({
  alertId,
  status: 'open',
  priority: 'hot',
  routeId: 'sales',
  createdAt: '2026-11-25T10:00:00.000Z',
  slaDueAt: '2026-11-25T10:05:00.000Z',
  render: {
    alertId,
    intent: 'meeting_request',
    confidence: 0.9,
    priority: 'hot',
    contact: { phone: '+14155550100' },
    replyText: 'Can we meet?',
    receivedAt: '2026-11-25T10:00:00.000Z',
    slaDueAt: '2026-11-25T10:05:00.000Z',
  },
});
const dana = { slackUserId: 'U07DANAKIM', name: 'dana' };

describe('Adapter: DynamoAlertStore on dynalite', () => {
  it('opens an alert once and records its post', async () => {
    expect(await store.open(state('a1'))).toBe(true);
    expect(await store.open(state('a1'))).toBe(false);
    await store.markPosted('a1', { channel: 'C1', ts: '1.2', at: '2026-11-25T10:00:01.000Z' });
    expect((await store.get('a1'))?.posted).toEqual({
      channel: 'C1',
      ts: '1.2',
      at: '2026-11-25T10:00:01.000Z',
    });
  });

  it('lets exactly one of 10 concurrent claims be first, and keeps its time', async () => {
    await store.open(state('a2'));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.respond('a2', 'claim', dana, `2026-11-25T10:01:0${i}.000Z`)),
    );
    expect(results.filter((r) => r.first)).toHaveLength(1);
    expect((await store.get('a2'))?.status).toBe('claimed');
  });

  it('lets a snoozed alert be claimed later, and never escalates a claimed one', async () => {
    await store.open(state('a3'));
    expect((await store.respond('a3', 'snooze_1h', dana, '2026-11-25T10:01:00.000Z')).first).toBe(true);
    expect((await store.respond('a3', 'claim', dana, '2026-11-25T10:30:00.000Z')).state?.status).toBe(
      'claimed',
    );
    expect(await store.markEscalated('a3', '2026-11-25T11:01:00.000Z')).toBe(false);
  });

  it('escalates an open alert once', async () => {
    await store.open(state('a4'));
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => store.markEscalated('a4', '2026-11-25T10:06:00.000Z')),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
  });

  it('rotates a team atomically: 20 concurrent turns get 20 distinct positions', async () => {
    const positions = await Promise.all(Array.from({ length: 20 }, () => store.rotate('inbound')));
    expect(new Set(positions).size).toBe(20);
  });

  it('keeps SLA timers until they are due and removed', async () => {
    const timers = new DynamoSlaTimers(documentClient(), cloud.tableName);
    await timers.schedule('a5', '2026-11-25T10:05:00.000Z');
    expect(await timers.due(new Date('2026-11-25T10:04:59Z'))).toEqual([]);
    const due = await timers.due(new Date('2026-11-25T10:05:00Z'));
    expect(due).toMatchObject([{ id: 'a5', dueAt: '2026-11-25T10:05:00.000Z' }]);
    await timers.remove(due);
    expect(await timers.due(new Date('2026-11-25T12:00:00Z'))).toEqual([]);
  });
});
