import { describe, expect, it } from 'vitest';
import { sqsJson } from '../../../shared/queue/sqsJson.js';

describe('sqsJson', () => {
  it('writes an emoji as its surrogate-pair escapes, and the JSON parses back to the same value', () => {
    // U+1F44D (thumbs up) is the UTF-16 pair D83D DC4D.
    const body = { type: 'message.received', body: 'Yes 👍 see you at 2' };
    const json = sqsJson(body);
    expect(json).toBe('{"type":"message.received","body":"Yes \\ud83d\\udc4d see you at 2"}');
    expect(JSON.parse(json)).toEqual(body);
  });

  it('leaves text within the Basic Multilingual Plane as JSON.stringify writes it', () => {
    const body = { body: 'Café — ½ price, ™ ✓', n: 3, nested: [{ q: '"quoted"\n' }] };
    expect(sqsJson(body)).toBe(JSON.stringify(body));
  });

  it('keeps every character of the JSON within the BMP, lone surrogates included', () => {
    const body = { a: '𝄞 music', b: '\uD800 lone', c: '🇺🇸' };
    const json = sqsJson(body);
    expect(/[\uD800-\uDFFF]/.test(json)).toBe(false);
    expect(JSON.parse(json)).toEqual(body);
  });
});

describe('sendJsonBatch', () => {
  it('sends bodies with non-BMP characters escaped, ten entries per call', async () => {
    const { sendJsonBatch } = await import('../../../shared/queue/sqsBatch.js');
    const sent: Array<{ Entries: Array<{ MessageBody: string }> }> = [];
    const client = {
      send: async (command: { input: (typeof sent)[number] }) => {
        sent.push(command.input);
        return {};
      },
    } as unknown as Parameters<typeof sendJsonBatch>[0];
    const items = Array.from({ length: 11 }, (_, i) => ({ body: { i, text: 'ok 😀' } }));
    await sendJsonBatch(client, 'http://queue', items);
    // 11 items: one call of 10 and one of 1.
    expect(sent.map((call) => call.Entries.length)).toEqual([10, 1]);
    // U+1F600 is the UTF-16 pair D83D DE00.
    expect(sent[1]!.Entries[0]!.MessageBody).toBe('{"i":10,"text":"ok \\ud83d\\ude00"}');
  });
});
