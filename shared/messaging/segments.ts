/**
 * SMS segment counting per 3GPP TS 23.038 (GSM 03.38), the number a carrier bills for.
 *
 * - A body made only of the GSM 7-bit default alphabet is sent as GSM-7: basic-table characters
 *   take one septet, extension-table characters (`^ { } \ [ ~ ] | €` and form feed) take two
 *   (ESC + code). One SMS holds 160 septets; a concatenated message holds 153 per segment, the
 *   other 7 carry the user data header. An escape pair is never split across two segments.
 * - Any other character makes the whole body UCS-2: 70 UTF-16 code units in one SMS, 67 per
 *   segment when concatenated. A surrogate pair (most emoji) is never split across segments;
 *   multi-code-point sequences (ZWJ emoji, flags) may be, as handsets do.
 *
 * No national language shift tables and no vendor "smart encoding" (Twilio and Telnyx can
 * replace curly quotes and the like before sending): the count is for the body as given, so it
 * is an upper bound on what a vendor with smart encoding will bill.
 *
 * An empty body counts as one segment of zero units: an SMS with no text is still one message
 * on the wire, and a cost model must never price a sent message at zero segments.
 *
 * @see https://www.3gpp.org/ftp/Specs/archive/23_series/23.038/ (section 6.2.1 and 6.2.1.1)
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Segments billed: 1 for a single SMS, else the number of concatenated parts. */
  segments: number;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  units: number;
}

/** The GSM 7-bit default alphabet, in table order 0x00-0x7F; 0x1B (ESC) is excluded. */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/** The default extension table: each is sent as ESC + code, two septets. */
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

const LIMITS: Record<SmsEncoding, { single: number; perSegment: number }> = {
  'GSM-7': { single: 160, perSegment: 153 },
  'UCS-2': { single: 70, perSegment: 67 },
};

/** True when every character of the body is in the GSM-7 basic or extension table. */
export function isGsm7(body: string): boolean {
  for (const char of body) {
    if (!GSM7_BASIC.has(char) && !GSM7_EXTENSION.has(char)) return false;
  }
  return true;
}

/** Width of each indivisible unit of the body: 1 or 2 septets, or 1 or 2 UTF-16 code units. */
function widths(body: string, encoding: SmsEncoding): number[] {
  const result: number[] = [];
  for (const char of body) {
    // `for...of` walks code points, so an astral character arrives whole, with length 2.
    result.push(encoding === 'GSM-7' ? (GSM7_EXTENSION.has(char) ? 2 : 1) : char.length);
  }
  return result;
}

export function countSegments(body: string): SegmentCount {
  const encoding: SmsEncoding = isGsm7(body) ? 'GSM-7' : 'UCS-2';
  const parts = widths(body, encoding);
  const units = parts.reduce((sum, w) => sum + w, 0);
  const { single, perSegment } = LIMITS[encoding];
  if (units <= single) return { encoding, segments: 1, units };

  // Greedy packing: a two-unit character that does not fit in what is left of a segment
  // starts the next one, leaving a unit unused.
  let segments = 1;
  let used = 0;
  for (const width of parts) {
    if (used + width > perSegment) {
      segments += 1;
      used = 0;
    }
    used += width;
  }
  return { encoding, segments, units };
}
