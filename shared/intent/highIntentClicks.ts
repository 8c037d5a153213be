import { z } from 'zod';

/**
 * High-intent clicks: a tracked link whose destination is a pricing page or a booking page is an
 * intent signal like a reply, "pricing" or "meeting_request". Which destinations count is config:
 * each pattern is a URL without its scheme, matched case-insensitively on whole path segments.
 * - `/pricing` — that path (and below it: `/pricing/teams`) on any host; `/pricing.html` too.
 * - `/*` + `/pricing` — any one segment there, e.g. a locale: `/en/pricing`, `/es/pricing`.
 * - `calendly.com` — that host and its subdomains, any path.
 * - `acme.com/pricing` — that path on that host (or a subdomain of it, such as `www.`).
 * A booking match wins over a pricing match, as meeting_request outranks pricing for replies.
 *
 * @example {"pricingPaths":["/pricing","/*\/pricing","shop.acme.com/plans"],"bookingPaths":["calendly.com/acme","/book-a-demo"]}
 */
export const ClickIntentConfigSchema = z
  .object({
    pricingPaths: z.array(z.string().min(1)),
    bookingPaths: z.array(z.string().min(1)),
  })
  .strict();
export type ClickIntentConfig = z.infer<typeof ClickIntentConfigSchema>;

export type ClickIntent = 'pricing' | 'meeting_request';

/** Common pricing pages and the scheduling tools sales teams link to (English and Spanish paths). */
export const DEFAULT_CLICK_INTENT_CONFIG: ClickIntentConfig = {
  pricingPaths: [
    '/pricing',
    '/prices',
    '/plans',
    '/quote',
    '/get-a-quote',
    '/request-a-quote',
    '/*/pricing',
    '/*/plans',
    '/precios',
    '/planes',
    '/cotizacion',
    '/*/precios',
  ],
  bookingPaths: [
    'calendly.com',
    'cal.com',
    'savvycal.com',
    'tidycal.com',
    'zcal.co',
    'youcanbook.me',
    'chilipiper.com',
    'acuityscheduling.com',
    'meetings.hubspot.com',
    'app.hubspot.com/meetings',
    'calendar.app.google',
    'calendar.google.com/calendar/appointments',
    'outlook.office.com/bookwithme',
    'outlook.office365.com/owa/calendar',
    '/book',
    '/booking',
    '/book-a-demo',
    '/request-demo',
    '/demo',
    '/schedule',
    '/appointments',
    '/*/book-a-demo',
    '/*/demo',
    '/agendar',
    '/cita',
    '/citas',
  ],
};

interface Pattern {
  host?: string;
  segments: string[];
}

/** Path segments, lower case, decoded, page extensions dropped ("Pricing.html" -> "pricing"). */
function segmentsOf(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // A malformed escape is kept as written: it then simply matches nothing configured.
      }
      return decoded.toLowerCase().replace(/\.(?:html?|php|aspx?)$/, '');
    });
}

function parsePattern(pattern: string): Pattern {
  const text = pattern
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '');
  if (text.startsWith('/')) return { segments: segmentsOf(text) };
  const slash = text.indexOf('/');
  const host = (slash === -1 ? text : text.slice(0, slash)).replace(/^\*\./, '').replace(/^www\./, '');
  return { host, segments: slash === -1 ? [] : segmentsOf(text.slice(slash)) };
}

function matches(pattern: Pattern, host: string, segments: readonly string[]): boolean {
  if (pattern.host && host !== pattern.host && !host.endsWith(`.${pattern.host}`)) return false;
  if (pattern.segments.length > segments.length) return false;
  return pattern.segments.every((segment, i) => segment === '*' || segment === segments[i]);
}

const compiled = new WeakMap<ClickIntentConfig, { pricing: Pattern[]; booking: Pattern[] }>();

function compile(config: ClickIntentConfig) {
  let patterns = compiled.get(config);
  if (!patterns) {
    patterns = {
      pricing: config.pricingPaths.map(parsePattern),
      booking: config.bookingPaths.map(parsePattern),
    };
    compiled.set(config, patterns);
  }
  return patterns;
}

/** The destination as a URL; a destination written without a scheme ("acme.com/pricing") is read as https. */
function parseDestination(destination: string): URL | undefined {
  const text = destination.trim();
  for (const candidate of [text, `https://${text}`]) {
    try {
      const url = new URL(candidate);
      if ((url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.')) return url;
    } catch {
      // Not a URL in this form; try the next.
    }
  }
  return undefined;
}

/**
 * The intent a click on `destination` signals, if any. Query and fragment are ignored; a
 * destination that is not an http(s) URL signals nothing (it is data from a click, never trusted).
 */
export function clickIntent(
  destination: string,
  config: ClickIntentConfig = DEFAULT_CLICK_INTENT_CONFIG,
): ClickIntent | undefined {
  const url = parseDestination(destination);
  if (!url) return undefined;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const segments = segmentsOf(url.pathname);
  const { pricing, booking } = compile(config);
  if (booking.some((pattern) => matches(pattern, host, segments))) return 'meeting_request';
  if (pricing.some((pattern) => matches(pattern, host, segments))) return 'pricing';
  return undefined;
}
