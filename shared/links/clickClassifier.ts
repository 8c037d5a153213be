/**
 * Link-preview scanners and security prefetchers open links before (or instead of) a person.
 * Their clicks are recorded, flagged `bot: true`, and never counted as people.
 */
const SCANNER_AGENTS = [
  /facebookexternalhit|facebot|meta-externalagent/i, // also iMessage link previews
  /twitterbot|slackbot|slack-imgproxy|discordbot|telegrambot|whatsapp|linkedinbot|skypeuripreview|viber/i,
  /googlebot|google-read-aloud|googleother|bingbot|bingpreview|applebot|yandex|baiduspider|duckduckbot/i,
  /barracuda|proofpoint|mimecast|symantec|forcepoint|trendmicro|safelinks|microsoft office|ms-office/i,
  /curl\/|wget\/|python-requests|python-urllib|go-http-client|okhttp|java\/|axios\/|node-fetch|headlesschrome/i,
  /\b(bot|crawler|spider|preview|scanner|monitor)\b/i,
];

/** A person cannot read a text and tap its link this fast. */
export const MIN_HUMAN_SECONDS_AFTER_SEND = 5;

export interface ClickSignal {
  method: string;
  userAgent?: string;
  secondsSinceSend?: number;
}

export type ClickVerdict =
  | { bot: false }
  | { bot: true; reason: 'head_request' | 'no_user_agent' | 'scanner_user_agent' | 'too_fast' };

export function classifyClick(signal: ClickSignal): ClickVerdict {
  if (signal.method.toUpperCase() === 'HEAD') return { bot: true, reason: 'head_request' };
  const agent = signal.userAgent?.trim();
  if (!agent) return { bot: true, reason: 'no_user_agent' };
  if (SCANNER_AGENTS.some((pattern) => pattern.test(agent)))
    return { bot: true, reason: 'scanner_user_agent' };
  if (signal.secondsSinceSend !== undefined && signal.secondsSinceSend < MIN_HUMAN_SECONDS_AFTER_SEND) {
    return { bot: true, reason: 'too_fast' };
  }
  return { bot: false };
}
