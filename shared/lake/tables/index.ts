import type { LakeTable } from '../lakeTable.js';
import { attributionCreditsTable } from './attribution_credits.js';
import { consentLedgerTable } from './consent_ledger.js';
import { eventsTable } from './events.js';
import { holdoutCohortsTable } from './holdout_cohorts.js';
import { intentAlertsTable } from './intent_alerts.js';
import { liftResultsTable } from './lift_results.js';
import { ltvCohortsTable } from './ltv_cohorts.js';
import { outcomeKpisTable } from './outcome_kpis.js';
import { pipelineOutcomesTable } from './pipeline_outcomes.js';
import { scorecardsTable } from './scorecards.js';
import { sendDecisionsTable } from './send_decisions.js';

export {
  attributionCreditsTable,
  consentLedgerTable,
  eventsTable,
  holdoutCohortsTable,
  intentAlertsTable,
  liftResultsTable,
  ltvCohortsTable,
  outcomeKpisTable,
  pipelineOutcomesTable,
  scorecardsTable,
  sendDecisionsTable,
};

/**
 * Every lake table, in the order the data dictionary lists them. The Parquet writer, the Glue
 * tables, the DuckDB views and the dictionary all derive from this list.
 */
export const LAKE_TABLES: LakeTable[] = [
  eventsTable,
  consentLedgerTable,
  sendDecisionsTable,
  pipelineOutcomesTable,
  attributionCreditsTable,
  outcomeKpisTable,
  scorecardsTable,
  holdoutCohortsTable,
  liftResultsTable,
  ltvCohortsTable,
  intentAlertsTable,
];
