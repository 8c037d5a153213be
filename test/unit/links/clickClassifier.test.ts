import { describe, expect, it } from 'vitest';
import { classifyClick } from '../../../shared/links/clickClassifier.js';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

describe('Function: classifyClick', () => {
  it('counts a phone browser a minute after the send as a person', () => {
    expect(classifyClick({ method: 'GET', userAgent: IPHONE, secondsSinceSend: 60 })).toEqual({ bot: false });
  });

  it.each([
    ['facebookexternalhit/1.1 Facebot Twitterbot/1.0', 'scanner_user_agent'], // iMessage link preview
    ['Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', 'scanner_user_agent'],
    ['WhatsApp/2.23.20.0', 'scanner_user_agent'],
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'scanner_user_agent'],
    ['curl/8.5.0', 'scanner_user_agent'],
    ['', 'no_user_agent'],
  ])('flags %s as a bot (%s)', (userAgent, reason) => {
    expect(classifyClick({ method: 'GET', userAgent, secondsSinceSend: 60 })).toEqual({ bot: true, reason });
  });

  it('flags HEAD probes whatever the user agent', () => {
    expect(classifyClick({ method: 'HEAD', userAgent: IPHONE })).toEqual({
      bot: true,
      reason: 'head_request',
    });
  });

  it('flags a click seconds after the send as a prefetcher', () => {
    expect(classifyClick({ method: 'GET', userAgent: IPHONE, secondsSinceSend: 2 })).toEqual({
      bot: true,
      reason: 'too_fast',
    });
  });
});
