import type { LakeTable } from '../lakeTable.js';
import { attributionCreditsTable } from './attribution_credits.js';
import { consentLedgerTable } from './consent_ledger.js';
import { eventsTable } from './events.js';
import { intentAlertsTable } from './intent_alerts.js';
import { pipelineOutcomesTable } from './pipeline_outcomes.js';
import { sendDecisionsTable } from './send_decisions.js';

export {
  attributionCreditsTable,
  consentLedgerTable,
  eventsTable,
  intentAlertsTable,
  pipelineOutcomesTable,
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
  intentAlertsTable,
];
