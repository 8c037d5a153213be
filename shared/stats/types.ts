/** A two-sided confidence interval on the scale of the estimate it belongs to. */
export interface Interval {
  low: number;
  high: number;
}

/** What a comparison returns instead of a number when the sample cannot support one. */
export type Insufficient = { status: 'insufficient_data'; reason: string };

/** The default two-sided confidence level of every interval in this module. */
export const DEFAULT_CONFIDENCE = 0.95;

/** Below this many members in an arm a comparison reports insufficient_data (normal approximations). */
export const DEFAULT_MIN_PER_ARM = 30;

export function insufficient(reason: string): Insufficient {
  return { status: 'insufficient_data', reason };
}

/** Throws unless 0 < confidence < 1, so a typo (95 instead of 0.95) fails loudly. */
export function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }
}
