// The scorecards' two engines on one generated lake (issue 13: "identical on a 1M-event
// world"): the TypeScript job, then its SQL twin on DuckDB (engine duckdb, as `npm run job`
// runs it), each in its own process for its wall time and peak RSS, then their rows compared.
// `npm run bench -- --only scorecardsTwin --size 0.1` (0.1 of issue 6's world = ~1M events).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, utcDay } from '../../shared/jobs/days.js';
import { twinDuckdb } from '../support/duckdbTwin.js';
import { firstScorecardDifference, lakeScorecardRows } from '../support/scorecardsCompare.js';
import { child, START, writeDailyWorld } from './dailyJobs.js';

const progress = (line: string) => process.stderr.write(`${line}\n`);

export async function benchScorecardsTwin(options: { size?: number; days?: number; seed?: number } = {}) {
  const world = { size: options.size ?? 0.1, days: options.days ?? 90, seed: options.seed ?? 6 };
  const root = mkdtempSync(join(tmpdir(), 'scorecards-twin-bench-'));
  try {
    const lake = await writeDailyWorld(root, world);
    const lastDay = utcDay(START + (world.days - 1) * 86_400_000);
    const days = [addDays(lastDay, -1), lastDay];
    progress(`  scorecardsTwin: ${lake.events} events; attribution…`);
    child('attribution', root, lastDay);
    progress('  TypeScript scorecards…');
    const typescript = child('scorecards', root, lastDay);
    const db = await twinDuckdb(root);
    const tsRows = await lakeScorecardRows(db, days);
    db.close();
    progress(`  ${typescript.seconds} s, ${typescript.peakRssMb} MB; the SQL on DuckDB…`);
    const duckdb = child('scorecards-duckdb', root, lastDay);
    const again = await twinDuckdb(root);
    const sqlRows = await lakeScorecardRows(again, days);
    again.close();
    const difference = firstScorecardDifference(tsRows, sqlRows) ?? null;
    progress(`  ${duckdb.seconds} s, ${duckdb.peakRssMb} MB; ${difference ?? 'identical rows'}`);
    const run = (result: typeof typescript) => ({
      seconds: result.seconds,
      cpuSeconds: result.cpuSeconds,
      peakRssMb: result.peakRssMb,
    });
    return {
      world: { ...world, ...lake, days, run: 'daily: the last day and the one before' },
      typescript: run(typescript),
      duckdb: run(duckdb),
      proof: { rows: tsRows.length, sqlRows: sqlRows.length, identical: difference === null, difference },
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
