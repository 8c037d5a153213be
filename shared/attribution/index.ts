/** The attribution core: pure, no AWS. Formulas and tie-breaking: ./RULES.md. */
export { attribute, attributeBatches, type CreditBatch, eligibleTouches, outcomeFlags } from './attribute.js';
export {
  type CurrencyRates,
  CurrencyRatesSchema,
  convert,
  minorUnitDigits,
  UnknownCurrencyError,
} from './currency.js';
export { AttributionEngine, type CreditSink, opportunityCreatedAt } from './engine.js';
export * from './model.js';
export * from './rules.js';
export {
  type ContactAccounts,
  indexTouches,
  type TouchIndex,
  TouchIndexBuilder,
  type TouchRow,
} from './touchIndex.js';
export { TIME_DECAY_SCALE } from './weights.js';
