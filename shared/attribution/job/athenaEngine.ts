import { readPartColumns } from '../../lake/lakeColumns.js';
import type { LakeTable } from '../../lake/lakeTable.js';
import { attributionCreditsTable } from '../../lake/tables/attribution_credits.js';
import { pipelineOutcomesTable } from '../../lake/tables/pipeline_outcomes.js';
import { replaceDaysFromStaging, UNLOAD_MAX_DAYS, unloadSql } from '../../sql/unload.js';
import { attributionQueries, type SqlSource } from '../sql/attributionSql.js';

export { UNLOAD_MAX_DAYS, unloadSql } from '../../sql/unload.js';

import {
  type AthenaRunner,
  type AthenaWaitOptions,
  DEFAULT_ATHENA_TIMEOUT_MS,
  runAthenaQuery,
} from './athenaRunner.js';
import {
  type AttributionJobOptions,
  type AttributionJobPorts,
  type AttributionJobSummary,
  advanceWatermark,
  type InfluenceTally,
  startAttributionRun,
} from './attributionJob.js';
import { type AttributionPlan, planAttribution } from './plan.js';

/**
 * (schedule, daily, engine athena) the SQL twin on Athena -> the same two tables.
 *
 * Each query is UNLOADed as Parquet, partitioned by dt, to a staging prefix of this run inside
 * the lake bucket (under `lake/_staging/`, which no table's location covers). Once both have
 * succeeded, every outcome day of the run is replaced with its staged files, exactly as the
 * Lambda engine replaces it with the parts it encodes, and the staging prefix is deleted.
 * A failed query throws before any table changes. A run of more than UNLOAD_MAX_DAYS days runs
 * in slices of that many, one after the other, each planned as a run of its own days (a day's
 * rows do not depend on the range it is run in).
 */
export interface AthenaAttributionPorts extends AttributionJobPorts {
  runner: AthenaRunner;
  /** `s3://<lake bucket>/<key>`: where UNLOAD writes the object store's `key`. */
  s3Uri: (key: string) => string;
  /** @default the .sql files beside attributionSql.ts, as bundled (attributionSqlText.ts) */
  sql?: SqlSource;
  wait?: AthenaWaitOptions;
  /** Outcome days one pair of queries covers. @default UNLOAD_MAX_DAYS */
  maxDaysPerQuery?: number;
}

export const STAGING_PREFIX = 'lake/_staging/attribution/';

export async function runAthenaAttribution(
  ports: AthenaAttributionPorts,
  options: AttributionJobOptions = {},
): Promise<AttributionJobSummary> {
  const { rules, plan, runId, summary, tally, underLease } = startAttributionRun(ports, options, 'athena');
  const clock = ports.wait?.clock ?? (() => performance.now());
  const deadline = clock() + (ports.wait?.timeoutMs ?? DEFAULT_ATHENA_TIMEOUT_MS);
  const context: SliceContext = {
    ports,
    runId,
    summary,
    tally,
    staging: `${STAGING_PREFIX}${runId}/`,
    // The queries of every slice share one budget, so a long backfill still ends in its Lambda.
    wait: () => ({ ...ports.wait, timeoutMs: Math.max(0, deadline - clock()) }),
  };
  return underLease(async (renew) => {
    const sliceDays = Math.min(ports.maxDaysPerQuery ?? UNLOAD_MAX_DAYS, UNLOAD_MAX_DAYS);
    for (let first = 0; first < plan.days.length; first += sliceDays) {
      const days = plan.days.slice(first, first + sliceDays);
      const slice =
        days.length === plan.days.length
          ? plan
          : planAttribution(rules, { ...options, from: days[0], to: days.at(-1) }, ports.now());
      await runSlice(context, slice, renew);
    }
    await advanceWatermark(ports, plan, runId);
  });
}

interface SliceContext {
  ports: AthenaAttributionPorts;
  runId: string;
  summary: AttributionJobSummary;
  tally: InfluenceTally;
  staging: string;
  wait: () => AthenaWaitOptions;
}

/** Both queries of one slice, then its days replaced from what they unloaded. */
async function runSlice(context: SliceContext, plan: AttributionPlan, renew: () => Promise<void>) {
  const { ports, runId, summary, tally, staging } = context;
  const { store, progress } = ports;
  const queries = attributionQueries(plan, ports.sql);
  const tables: [LakeTable, string][] = [
    [attributionCreditsTable, queries.credits],
    [pipelineOutcomesTable, queries.outcomes],
  ];
  try {
    for (const [table, query] of tables) {
      const target = `${staging}${table.name}/`;
      const run = await runAthenaQuery(
        ports.runner,
        unloadSql(query, ports.s3Uri(target)),
        table.name,
        context.wait(),
      );
      summary.queries = [
        ...(summary.queries ?? []),
        {
          table: table.name,
          from: plan.from,
          to: plan.to,
          queryId: run.queryId,
          seconds: Math.round(run.waitedMs) / 1000,
          ...(run.scannedBytes === undefined ? {} : { scannedBytes: run.scannedBytes }),
        },
      ];
      const scanned = run.scannedBytes === undefined ? '' : `, ${megabytes(run.scannedBytes)} MB scanned`;
      progress?.(
        `attribution (athena): ${table.name} ${plan.from}..${plan.to} unloaded by ${run.queryId} in ${Math.round(run.waitedMs)} ms${scanned}`,
      );
      await renew();
    }
    for (const [table] of tables) {
      const outcomes = table === pipelineOutcomesTable;
      const rowsByDay = await replaceDaysFromStaging(
        store,
        table,
        `${staging}${table.name}/`,
        plan.days,
        runId,
        outcomes ? (body, day) => tallyOutcomes(body, day, tally) : undefined,
      );
      for (const rows of rowsByDay.values()) {
        summary.rows[table.name as keyof AttributionJobSummary['rows']] += rows;
        if (outcomes) summary.outcomes += rows;
      }
      progress?.(`attribution (athena): ${table.name} replaced on ${plan.days.length} days`);
    }
    summary.days.push(...plan.days);
  } finally {
    await store.delete(await store.list(staging)).catch(() => undefined);
  }
}

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function tallyOutcomes(body: Uint8Array, day: string, tally: InfluenceTally): Promise<void> {
  const columns = ['outcome_type', 'influenced', 'sourced', 'amount_minor', 'currency'];
  for await (const batch of readPartColumns(body, day, columns)) {
    const [type, influenced, sourced, amount, currency] = columns.map((name) => batch.column(name));
    for (let i = 0; i < batch.length; i += 1) {
      tally.add({
        outcome_type: type![i] as string,
        influenced: influenced![i] === true,
        sourced: (sourced![i] as boolean | null) ?? null,
        amount_minor: typeof amount![i] === 'number' ? BigInt(amount![i] as number) : null,
        currency: (currency![i] as string | null) ?? null,
      });
    }
  }
}
