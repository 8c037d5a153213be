import { describe, expect, it } from 'vitest';
import { blockKitProblems, type SlackBlock, type SlackMessage } from '../../../shared/slack/blockKit.js';
import { formatDuration, formatMoney, maskPhone } from '../../../shared/slack/format.js';
import {
  alertEscalationBlocks,
  alertStatusBlocks,
  IntentAlertSchema,
  intentAlertBlocks,
} from '../../../shared/slack/intentAlertMessage.js';
import { intentAlert } from './builders.js';

const ALERT_ID = 'alr_01JDZQ5V8K2M4N6P8R0T2V4X6Z';
const button = (text: string, action_id: string, style?: 'primary') => ({
  type: 'button',
  text: { type: 'plain_text', text, emoji: true },
  action_id,
  value: ALERT_ID,
  ...(style ? { style } : {}),
});
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text, verbatim: true });

const blocksOf = (message: SlackMessage, type: SlackBlock['type']) =>
  message.blocks.filter((b) => b.type === type);
/** All the mrkdwn and plain text of a message, to look for what must never be there. */
const allText = (message: SlackMessage) => JSON.stringify(message);

describe('Function: intentAlertBlocks', () => {
  it('builds the documented alert: header, who, the escaped reply, what we sent, context and buttons', () => {
    // Act
    const message = intentAlertBlocks(intentAlert({ replyText: 'Can we meet Tuesday? <!channel>' }));
    // Assess
    expect(message).toEqual({
      text: 'Hot lead: Meeting request from Dana Reyes (+•••••••0123) for <@U024BE7LH>',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: ':fire: Hot · Meeting request', emoji: true } },
        {
          type: 'section',
          fields: [
            mrkdwn('*Contact*\nDana Reyes\n+•••••••0123'),
            mrkdwn('*Account*\nReyes &amp; Daughters Bakery\nTier A'),
            mrkdwn('*Owner*\n<@U024BE7LH>'),
            mrkdwn('*Opportunity*\nProposal sent\n$12,500.00'),
          ],
        },
        { type: 'section', text: mrkdwn('*Reply*\n>Can we meet Tuesday? &lt;!channel&gt;') },
        {
          type: 'section',
          text: mrkdwn(
            '*Last message we sent*\n>Hi Dana, your quote for the spring order is ready. Reply to set up a call.',
          ),
        },
        {
          type: 'context',
          elements: [
            mrkdwn('Intent `meeting_request` · 92% confidence'),
            mrkdwn('Received <!date^1795618800^{date_short_pretty} at {time}|2026-11-25T15:00:00Z>'),
            mrkdwn('*SLA due <!date^1795619100^{time}|2026-11-25T15:05:00Z>*'),
            mrkdwn(`Alert ${ALERT_ID}`),
          ],
        },
        {
          type: 'actions',
          elements: [
            button('Claim', 'intent_claim', 'primary'),
            button('Snooze 1h', 'intent_snooze_1h'),
            button('Not relevant', 'intent_dismiss'),
          ],
        },
      ],
    });
  });

  it('escapes hostile CRM values too, in the blocks and in the notification text', () => {
    const message = intentAlertBlocks(
      intentAlert({
        contact: { name: '<!here> Dana', phone: '+14155550123' },
        account: { name: '<https://evil.example|Acme>' },
        opportunity: { stage: '<@U999> closed' },
        lastSentText: '<!everyone> sale',
      }),
    );
    expect(allText(message)).not.toMatch(/<!here>|<!everyone>|<https:|<@U999>/);
    expect(message.text).toBe(
      'Hot lead: Meeting request from &lt;!here&gt; Dana (+•••••••0123) for <@U024BE7LH>',
    );
  });

  it('mentions the owner only by a well-formed member id from our routing data', () => {
    const forged = intentAlertBlocks(
      intentAlert({ owner: { name: 'Sam <!channel>', slackUserId: '<!channel>' } }),
    );
    expect(allText(forged)).not.toContain('<!channel>');
    expect(forged.blocks[1]).toMatchObject({
      fields: expect.arrayContaining([mrkdwn('*Owner*\nSam &lt;!channel&gt; _(not linked to Slack)_')]),
    });
    expect(forged.text).not.toContain(' for ');

    const unowned = intentAlertBlocks(intentAlert({ owner: undefined }));
    expect(unowned.blocks[1]).toMatchObject({
      fields: expect.arrayContaining([mrkdwn('*Owner*\n_Unassigned_')]),
    });
  });

  it('says so when there is no account or open opportunity, and leaves out what we never sent', () => {
    const message = intentAlertBlocks(
      intentAlert({
        account: undefined,
        opportunity: undefined,
        lastSentText: undefined,
        priority: 'normal',
      }),
    );
    expect(message.blocks[1]).toMatchObject({
      fields: expect.arrayContaining([
        mrkdwn('*Account*\n_None_'),
        mrkdwn('*Opportunity*\n_No open opportunity_'),
      ]),
    });
    expect(allText(message)).not.toContain('Last message we sent');
    expect(message.text.startsWith('Lead: Meeting request')).toBe(true);
  });

  it('names the blocker reason in the header', () => {
    const message = intentAlertBlocks(
      intentAlert({ intent: 'purchase_blocker', reason: 'size', priority: 'warm' }),
    );
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: ':large_orange_circle: Warm · Purchase blocker (size)', emoji: true },
    });
  });

  it('stays within Block Kit limits for a 5,000-character reply and long CRM values', () => {
    const message = intentAlertBlocks(
      intentAlert({
        replyText: '&'.repeat(5000),
        lastSentText: 'x'.repeat(5000),
        contact: { name: 'N'.repeat(3000), phone: '+14155550123' },
      }),
    );
    expect(blockKitProblems(message)).toEqual([]);
    const reply = blocksOf(message, 'section')[1] as { text: { text: string } };
    expect(reply.text.text.length).toBeLessThanOrEqual(3000);
    expect(reply.text.text.endsWith('&amp;…')).toBe(true);
  });

  it('refuses alerts whose intent is not a config slug', () => {
    expect(IntentAlertSchema.safeParse(intentAlert({ intent: 'Meeting <!here>' })).success).toBe(false);
    expect(IntentAlertSchema.safeParse(intentAlert()).success).toBe(true);
  });
});

describe('Function: alertStatusBlocks', () => {
  const by = { id: 'U024BE7LH', name: 'sam.lee' };

  it('records a claim with who, when and whether it was within the SLA, and drops the buttons', () => {
    const message = alertStatusBlocks(intentAlert(), { action: 'claimed', by, at: '2026-11-25T15:03:12Z' });
    expect(blocksOf(message, 'actions')).toEqual([]);
    expect(message.blocks.at(-1)).toEqual({
      type: 'section',
      text: mrkdwn(
        ':white_check_mark: *Claimed* by <@U024BE7LH> <!date^1795618992^{date_short_pretty} at {time}|2026-11-25T15:03:12Z> · 3 min after the reply, within SLA',
      ),
    });
    expect(message.text).toBe('Hot lead: Meeting request from Dana Reyes (+•••••••0123): claimed by sam.lee');
  });

  it('says a late claim was after the SLA', () => {
    const message = alertStatusBlocks(intentAlert(), { action: 'claimed', by, at: '2026-11-25T16:10:00Z' });
    expect(allText(message)).toContain('1 h 10 min after the reply, after the SLA');
  });

  it('keeps the buttons on a snoozed alert, since it can still be claimed', () => {
    const message = alertStatusBlocks(intentAlert(), {
      action: 'snoozed',
      by,
      at: '2026-11-25T15:01:00Z',
      until: '2026-11-25T16:01:00Z',
    });
    expect(blocksOf(message, 'actions')).toHaveLength(1);
    expect(allText(message)).toContain(':zzz: *Snoozed* by <@U024BE7LH> until <!date^1795622460^{time}|');
  });

  it('records a dismissal, and escapes a clicker Slack gave no member id for', () => {
    const message = alertStatusBlocks(intentAlert(), {
      action: 'dismissed',
      by: { id: 'not-an-id', name: '<!channel>' },
      at: '2026-11-25T15:02:00Z',
    });
    expect(blocksOf(message, 'actions')).toEqual([]);
    expect(allText(message)).toContain(':no_entry_sign: *Not relevant*, said &lt;!channel&gt;');
    expect(allText(message)).not.toContain('<!channel>');
  });
});

describe('Function: alertEscalationBlocks', () => {
  it('tells the manager channel who owned it and how late it is, with the buttons', () => {
    const message = alertEscalationBlocks(intentAlert(), '2026-11-25T15:07:30Z');
    expect(message.text).toBe(
      'SLA missed: Hot lead: Meeting request from Dana Reyes (+•••••••0123) for <@U024BE7LH>',
    );
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: ':rotating_light: SLA missed · Meeting request', emoji: true },
    });
    expect(message.blocks[1]).toEqual({
      type: 'section',
      text: mrkdwn(
        'Nobody claimed this hot alert by <!date^1795619100^{time}|2026-11-25T15:05:00Z> (2 min overdue). Owner: <@U024BE7LH>',
      ),
    });
    expect(blocksOf(message, 'actions')).toHaveLength(1);
    expect(blockKitProblems(message)).toEqual([]);
  });
});

describe('Formatting helpers', () => {
  it.each([
    ['+14155550123', '+•••••••0123'],
    ['+447700900123', '+••••••••0123'],
    ['0123', '0123'],
  ])('masks %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each([
    [1_250_000, 'USD', '$12,500.00'],
    [1_250_000, 'JPY', '¥1,250,000'],
    [1_250_500, 'KWD', 'KWD 1,250.500'],
    [99, 'EUR', '€0.99'],
    [500, 'ZZZ', '500 ZZZ (minor units)'],
  ])('formats %i minor units of %s as %s', (amount, currency, expected) => {
    expect(formatMoney(amount, currency).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  it.each([
    [42_000, '42 s'],
    [180_000, '3 min'],
    [3_900_000, '1 h 5 min'],
    [7_200_000, '2 h'],
    [183_600_000, '2 d 3 h'],
  ])('writes %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
