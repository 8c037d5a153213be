import { currencyExponent } from '../providers/crm/money.js';

/**
 * Small presentation helpers for Slack messages. Everything here returns mrkdwn that is safe
 * as is: it either contains no control characters or builds the one control sequence it
 * means to (`<@U…>`, `<!date^…>`) from values checked first.
 */

/** Slack member ids: `U…` (or `W…` on Enterprise Grid), upper-case letters and digits. */
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;

export function isSlackUserId(id: string | undefined): id is string {
  return id !== undefined && SLACK_USER_ID.test(id);
}

/** `<@U…>`, which Slack renders as the member's name and notifies them. */
export function mention(slackUserId: string): string {
  if (!isSlackUserId(slackUserId)) throw new Error(`not a Slack member id: ${slackUserId}`);
  return `<@${slackUserId}>`;
}

/**
 * A phone number with every digit but the last four masked, keeping its shape:
 * `+14155550123` -> `+•••••••0123`. A channel is wider than the person's owner.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length;
  let seen = 0;
  return phone.replace(/\d/g, (digit) => {
    seen += 1;
    return seen > digits - 4 ? digit : '•';
  });
}

/**
 * Integer minor units as a currency amount (`1250000`, `USD` -> `$12,500.00`), with the
 * currency's own exponent (JPY 0, KWD 3). An unknown code is shown raw rather than guessed.
 */
export function formatMoney(amountMinor: number, currency = 'USD'): string {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) return `${amountMinor} ${currency} (minor units)`;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amountMinor / 10 ** exponent);
}

/**
 * Slack's date token: each reader sees the time in their own zone. The fallback (shown where
 * the token cannot be rendered, e.g. notifications) is the UTC ISO time.
 *
 * @see https://docs.slack.dev/messaging/formatting-message-text#date-formatting
 */
export function slackDate(at: string | Date, format = '{date_short_pretty} at {time}'): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  const seconds = Math.floor(date.getTime() / 1000);
  if (!Number.isFinite(seconds)) throw new Error(`not a time: ${String(at)}`);
  return `<!date^${seconds}^${format}|${date.toISOString().replace(/\.\d{3}Z$/, 'Z')}>`;
}

/** A short human duration: `42 s`, `3 min`, `1 h 5 min`, `2 d 3 h`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** `meeting_request` -> `Meeting request`. */
export function humanize(slug: string): string {
  const words = slug.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
