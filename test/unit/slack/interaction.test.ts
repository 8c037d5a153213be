import { describe, expect, it } from 'vitest';
import { MalformedPayloadError } from '../../../shared/http/errors.js';
import { parseInteraction } from '../../../shared/slack/signature.js';
import { blockActionsPayload, interactionBody } from './builders.js';

const ALERT_ID = 'alr_01JDZQ5V8K2M4N6P8R0T2V4X6Z';
const parse = (payload: unknown) => parseInteraction(Buffer.from(interactionBody(payload)));

describe('Function: parseInteraction', () => {
  it('reads a Claim click: action, alert, who, where and the response_url', () => {
    expect(parse(blockActionsPayload())).toEqual({
      action: 'claim',
      alertId: ALERT_ID,
      user: { id: 'U024BE7LH', name: 'sam.lee' },
      channel: 'C024BE91L',
      messageTs: '1795618800.000200',
      responseUrl: 'https://hooks.slack.com/actions/T024BE7LD/6331486012583/Xw7p2vQ9m4KfR8sT1uYz3aBc',
    });
  });

  it.each([
    ['intent_claim', 'claim'],
    ['intent_snooze_1h', 'snooze_1h'],
    ['intent_dismiss', 'dismiss'],
  ])('maps %s to %s', (actionId, action) => {
    expect(parse(blockActionsPayload(actionId))?.action).toBe(action);
  });

  it('falls back to the channel and message objects, and to the legacy name', () => {
    const payload = blockActionsPayload();
    delete payload.container;
    payload.user = { id: 'U024BE7LH', name: 'sam' };
    expect(parse(payload)).toMatchObject({
      channel: 'C024BE91L',
      messageTs: '1795618800.000200',
      user: { id: 'U024BE7LH', name: 'sam' },
    });
  });

  it('needs neither channel nor response_url', () => {
    const payload = blockActionsPayload();
    for (const key of ['container', 'channel', 'message', 'response_url']) delete payload[key];
    expect(parse(payload)).toEqual({
      action: 'claim',
      alertId: ALERT_ID,
      user: { id: 'U024BE7LH', name: 'sam.lee' },
    });
  });

  it.each([
    ['another payload type', { type: 'view_submission', user: { id: 'U024BE7LH' }, view: {} }],
    ['a button that is not ours', blockActionsPayload('approve_expense', 'exp_1')],
  ])('ignores %s', (_name, payload) => {
    expect(parse(payload)).toBeUndefined();
  });

  it.each<[string, () => Buffer]>([
    ['a body without payload', () => Buffer.from('token=abc&type=block_actions')],
    ['a payload that is not JSON', () => Buffer.from('payload=%7Bnot-json')],
    ['a payload without a type', () => Buffer.from(interactionBody({ user: { id: 'U1' } }))],
    [
      'a click without a user',
      () => {
        const payload = blockActionsPayload();
        delete payload.user;
        return Buffer.from(interactionBody(payload));
      },
    ],
    [
      'a click without actions',
      () => Buffer.from(interactionBody({ ...blockActionsPayload(), actions: [] })),
    ],
    [
      'a click on our button without an alert id',
      () => Buffer.from(interactionBody(blockActionsPayload('intent_claim', ''))),
    ],
    [
      'a response_url that is not http(s)',
      () => Buffer.from(interactionBody({ ...blockActionsPayload(), response_url: 'javascript:alert(1)' })),
    ],
  ])('rejects %s as malformed', (_name, body) => {
    expect(() => parseInteraction(body())).toThrow(MalformedPayloadError);
  });
});
