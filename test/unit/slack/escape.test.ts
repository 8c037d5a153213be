import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, quoteMrkdwn, truncateMrkdwn } from '../../../shared/slack/escape.js';

const WJ = '\u2060';

describe('Function: escapeMrkdwn', () => {
  it.each([
    ['a channel broadcast', '<!channel> call me', '&lt;!channel&gt; call me'],
    ['a here broadcast', '<!here>', '&lt;!here&gt;'],
    ['a user mention', '<@U024BE7LH> said yes', '&lt;@U024BE7LH&gt; said yes'],
    ['a channel link', 'see <#C024BE91L>', 'see &lt;#C024BE91L&gt;'],
    ['a user-group mention', '<!subteam^S0614TZR7>', '&lt;!subteam^S0614TZR7&gt;'],
    ['a forged link', '<https://evil.example|bank>', '&lt;https://evil.example|bank&gt;'],
    ['a date token', '<!date^1392734382^{date}|x>', '&lt;!date^1392734382^{date}|x&gt;'],
    ['entities the texter typed', '&lt;!here&gt;', '&amp;lt;!here&amp;gt;'],
    ['an ampersand', 'Ben & Jerry', 'Ben &amp; Jerry'],
    ['a bare @channel', '@channel now', `@${WJ}channel now`],
    ['a bare @HERE in capitals', 'hey @HERE', `hey @${WJ}HERE`],
    ['a bare @everyone with punctuation', '@everyone!', `@${WJ}everyone!`],
    ['an email that only starts like one', 'dana@channels.example', 'dana@channels.example'],
    ['emoji and accents', '👍🏽 sí, mañana 🎉 👨‍👩‍👧', '👍🏽 sí, mañana 🎉 👨‍👩‍👧'],
    ['formatting characters', '*urgent* _pls_ ~no~ `x`', '*urgent* _pls_ ~no~ `x`'],
    ['Windows line ends', 'a\r\nb\rc', 'a\nb\nc'],
    ['a right-to-left override', 'invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['control characters', 'a\u0000b\u0007c\td', 'abc\td'],
  ])('neutralises %s', (_name, input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });
});

describe('Function: quoteMrkdwn', () => {
  it('quotes every line, blank ones included', () => {
    expect(quoteMrkdwn('Can we meet?\n\nTuesday works', 3000)).toBe('>Can we meet?\n>\n>Tuesday works');
  });

  it('escapes a quote marker the texter typed, so it cannot nest or end our quote', () => {
    expect(quoteMrkdwn('> Owner: approved\nok', 3000)).toBe('>&gt; Owner: approved\n>ok');
  });

  it('caps a 5,000-character reply at the limit, ending with an ellipsis', () => {
    const quoted = quoteMrkdwn('a'.repeat(5000), 3000);
    expect(quoted).toHaveLength(3000);
    expect(quoted).toBe(`>${'a'.repeat(2998)}…`);
  });

  it('never splits an emoji sequence', () => {
    const family = '👨‍👩‍👧';
    const quoted = quoteMrkdwn(family.repeat(500), 100);
    expect(quoted.length).toBeLessThanOrEqual(100);
    expect(quoted.slice(1, -1)).toBe(family.repeat((quoted.length - 2) / family.length));
  });

  it('drops an entity cut in half rather than leave a stray ampersand', () => {
    // '>' + 6 letters + '&amp;': a cut at 10 would otherwise leave '&am'.
    expect(quoteMrkdwn('abcdef&&&', 11)).toBe('>abcdef…');
  });

  it('keeps the output inside the limit, quoted and free of control sequences, for any text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 600 }),
        fc.integer({ min: 8, max: 400 }),
        (text, max) => {
          const quoted = quoteMrkdwn(text, max);
          expect(quoted.length).toBeLessThanOrEqual(max);
          expect(quoted).not.toContain('<');
          expect(quoted).not.toMatch(/&(?!amp;|lt;|gt;)/);
          for (const line of quoted.split('\n')) {
            expect(line.startsWith('>')).toBe(true);
            expect(line.slice(1)).not.toContain('>');
          }
        },
      ),
    );
  });
});

describe('Function: truncateMrkdwn', () => {
  it('leaves text within the limit unchanged', () => {
    expect(truncateMrkdwn('Reyes &amp; Daughters', 21)).toBe('Reyes &amp; Daughters');
  });

  it('cuts at a word boundary when the cut lands on a space', () => {
    expect(truncateMrkdwn('Reyes and Daughters', 7)).toBe('Reyes…');
  });
});
