/**
 * JSON for an SQS message body. Characters outside the Basic Multilingual Plane (emoji in an
 * SMS reply) are written as their `\uXXXX` surrogate-pair escapes: the JSON parses to the very
 * same value, and the body stays within the character set every SQS implementation accepts
 * (fauxqs, the laptop stand-in, refuses them raw; real SQS takes both).
 */
export function sqsJson(value: unknown): string {
  // JSON.stringify already escapes lone surrogates, so only well-formed pairs remain here,
  // and they can only occur inside JSON strings, where `\uXXXX` is a valid escape.
  return JSON.stringify(value).replace(
    /[\uD800-\uDFFF]/g,
    (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
