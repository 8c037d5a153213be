import { parquetRowCount, readPartColumns } from '../../lake/lakeColumns.js';
import type { LakeTable } from '../../lake/lakeTable.js';
import { attributionCreditsTable } from '../../lake/tables/attribution_credits.js';
import { pipelineOutcomesTable } from '../../lake/tables/pipeline_outcomes.js';
import { DEFAULT_ATTRIBUTION_RULES, describeRules } from '../rules.js';
import { attributionQueries, type SqlSource } from '../sql/attributionSql.js';
import { type AthenaRunner, type AthenaWaitOptions, runAthenaQuery } from './athenaRunner.js';
import {
  type AttributionJobOptions,
  type AttributionJobPorts,
  type AttributionJobSummary,
  advanceWatermark,
  InfluenceTally,
  newRunId,
  withLease,
} from './attributionJob.js';
import { planAttribution } from './plan.js';
import { replacePartitionWithParts, stagedByDay } from './stagedParts.js';

/**
 * (schedule, daily, engine athena) the SQL twin on Athena -> the same two tables.
 *
 * Each query is UNLOADed as Parquet, partitioned by dt, to a staging prefix of this run inside
 * the lake bucket (under `lake/_staging/`, which no table's location covers). Once both have
 * succeeded, every outcome day of the run is replaced with its staged files, exactly as the
 * Lambda engine replaces it with the parts it encodes, and the staging prefix is deleted.
 * A failed query throws before any table changes.
 */
export interface AthenaAttributionPorts extends AttributionJobPorts {
  runner: AthenaRunner;
  /** `s3://<lake bucket>/<key>`: where UNLOAD writes the object store's `key`. */
  s3Uri: (key: string) => string;
  /** @default the .sql files beside attributionSql.ts */
  sql?: SqlSource;
  wait?: AthenaWaitOptions;
}

export const STAGING_PREFIX = 'lake/_staging/attribution/';

/** UNLOAD of a query whose last column is dt, to Parquet partitioned by it. */
export function unloadSql(query: string, targetUri: string): string {
  if (!/^s3:\/\/[^'\s]+\/$/.test(targetUri))
    throw new Error(`UNLOAD target "${targetUri}" must be an s3:// folder`);
  return `UNLOAD (\n${query}\n) TO '${targetUri}' WITH (format = 'PARQUET', compression = 'SNAPPY', partitioned_by = ARRAY['dt'])`;
}

export async function runAthenaAttribution(
  ports: AthenaAttributionPorts,
  options: AttributionJobOptions = {},
): Promise<AttributionJobSummary> {
  const started = performance.now();
  const rules = options.rules ?? DEFAULT_ATTRIBUTION_RULES;
  const plan = planAttribution(rules, options, ports.now());
  const runId = options.runId ?? newRunId(ports.now());
  const store = ports.store;
  const progress = ports.progress;
  const tally = new InfluenceTally();
  const summary: AttributionJobSummary = {
    runId,
    engine: 'athena',
    rulesVersion: rules.version,
    from: plan.from,
    to: plan.to,
    days: [],
    outcomes: 0,
    influenced: 0,
    sourced: 0,
    rows: { attribution_credits: 0, pipeline_outcomes: 0 },
    ...tally.totals(),
    seconds: 0,
  };
  const staging = `${STAGING_PREFIX}${runId}/`;
  const skipped = await withLease(ports, runId, async (renew) => {
    progress?.(describeRules(rules));
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
          ports.wait,
        );
        progress?.(
          `attribution (athena): ${table.name} unloaded by ${run.queryId} in ${Math.round(run.waitedMs)} ms`,
        );
        await renew();
      }
      for (const [table] of tables) {
        const byDay = await stagedByDay(store, `${staging}${table.name}/`);
        const outside = [...byDay.keys()].filter((day) => !plan.days.includes(day));
        if (outside.length > 0)
          throw new Error(`${table.name}: staged days outside the run: ${outside.join(', ')}`);
        for (const day of plan.days) {
          const parts: Uint8Array[] = [];
          let rows = 0;
          for (const key of byDay.get(day) ?? []) {
            const body = await store.get(key);
            if (!body) throw new Error(`staged part ${key} vanished`);
            rows += parquetRowCount(body);
            parts.push(body);
            if (table === pipelineOutcomesTable) await tallyOutcomes(body, day, tally);
          }
          await replacePartitionWithParts(store, table, day, parts, runId, rows);
          summary.rows[table.name as keyof AttributionJobSummary['rows']] += rows;
          if (table === pipelineOutcomesTable) summary.outcomes += rows;
        }
        progress?.(`attribution (athena): ${table.name} replaced on ${plan.days.length} days`);
      }
      summary.days = [...plan.days];
      await advanceWatermark(ports, plan, runId);
    } finally {
      await store.delete(await store.list(staging)).catch(() => undefined);
    }
  });
  Object.assign(summary, tally.totals(options.currencyRates), {
    influenced: tally.influenced,
    sourced: tally.sourced,
    seconds: Math.round(performance.now() - started) / 1000,
  });
  if (skipped) {
    progress?.(`attribution: skipped: ${skipped}`);
    return { ...summary, skipped };
  }
  return summary;
}

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
