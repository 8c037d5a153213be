/**
 * Lift statistics: pure functions, no AWS, no dependencies. Each file documents its formula and its
 * source; test/unit/stats checks them against published worked examples and seeded simulations.
 */
export { type BootstrapResult, bootstrapMeanDiff, DEFAULT_RESAMPLES } from './bootstrap.js';
export { chiSquareSurvival } from './chiSquare.js';
export { type CupedArm, type CupedResult, cuped } from './cuped.js';
export { mdeMean, mdeProportion, type PowerOptions } from './mde.js';
export { type MeanComparison, type SampleSummary, summarize, welchCompare } from './means.js';
export { benjaminiHochberg } from './multipleTesting.js';
export { normalCdf, normalPdf, normalQuantile, normalSurvival } from './normal.js';
export {
  type CompareOptions,
  type Counts,
  compareProportions,
  type ProportionComparison,
  wilsonInterval,
} from './proportions.js';
export {
  drawBeta,
  drawBinomial,
  drawGamma,
  drawIndex,
  drawLognormal,
  drawNormal,
  type Random,
  seededRandom,
} from './random.js';
export { DEFAULT_SRM_ALPHA, type SampleRatioMismatch, sampleRatioMismatch } from './srm.js';
export { studentTCdf, studentTPdf, studentTQuantile, studentTTwoSidedP } from './studentT.js';
export { DEFAULT_CONFIDENCE, DEFAULT_MIN_PER_ARM, type Insufficient, type Interval } from './types.js';
