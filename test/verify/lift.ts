// npm run verify:lift — the long coverage run of the holdout lift (issue 7, truth tests): over
// 2000 seeded worlds with a planted lift, how often the 95% intervals of the holdouts core contain
// the truth. Prints JSON; exits 1 when a gated coverage lies outside 93–97%.
//
// Two kinds of world: `main` (gated) has ~1000 held-out contacts and ~80 holdout orders; `thin`
// (reported, not gated) has ~200 held out and ~16 orders, where revenue intervals from so few
// skewed order values undercover — the figure says how far to trust a young holdout's revenue lift.
import { analyzeWorld, type HoldoutWorldOptions } from '../support/holdoutWorld.js';

const WORLDS = Number(process.env.WORLDS ?? 2000);
const BOOTSTRAP_WORLDS = Number(process.env.BOOTSTRAP_WORLDS ?? 400);
const BASE: Omit<HoldoutWorldOptions, 'seed' | 'contacts' | 'holdoutRate'> = {
  baseRate: 0.08,
  lift: 0.03,
  start: '2026-10-01',
  days: 20,
  windowDays: 7,
  preOrderRate: 0.6,
};
const SCENARIOS = {
  main: { ...BASE, contacts: 4000, holdoutRate: 0.25, gated: true },
  thin: { ...BASE, contacts: 2000, holdoutRate: 0.1, gated: false },
};

const inside = (row: Record<string, unknown>, low: string, high: string, truth: number) =>
  typeof row[low] === 'number' && (row[low] as number) <= truth && truth <= (row[high] as number);

function coverageOf(
  world: Omit<HoldoutWorldOptions, 'seed'>,
  worlds: number,
  seedBase: number,
  label: string,
) {
  const hits = { conversion: 0, revenueWelch: 0, revenueCuped: 0, profitWelch: 0 };
  let ok = 0;
  let reduction = 0;
  for (let seed = seedBase + 1; seed <= seedBase + worlds; seed += 1) {
    const { world: w, row } = analyzeWorld({ ...world, seed });
    if (row.status !== 'ok') continue;
    ok += 1;
    const t = w.truth;
    if (inside(row, 'lift_abs_ci_low', 'lift_abs_ci_high', t.conversionLift)) hits.conversion += 1;
    if (inside(row, 'revenue_lift_ci_low', 'revenue_lift_ci_high', t.revenueLiftMinor))
      hits.revenueWelch += 1;
    if (inside(row, 'revenue_cuped_ci_low', 'revenue_cuped_ci_high', t.revenueLiftMinor))
      hits.revenueCuped += 1;
    // Profit is 40% of each order (the world's margin): its lift is 0.4 x the revenue lift.
    if (inside(row, 'profit_lift_ci_low', 'profit_lift_ci_high', 0.4 * t.revenueLiftMinor))
      hits.profitWelch += 1;
    reduction += row.cuped_variance_reduction ?? 0;
    if ((seed - seedBase) % 500 === 0)
      process.stderr.write(`verify:lift ${label} ${seed - seedBase}/${worlds}\n`);
  }
  return {
    ok,
    coverage: Object.fromEntries(Object.entries(hits).map(([k, v]) => [k, v / ok])) as Record<
      keyof typeof hits,
      number
    >,
    meanCupedVarianceReduction: reduction / ok,
  };
}

const started = performance.now();
const results: Record<string, unknown> = {};
const failures: string[] = [];
for (const [name, { gated, ...world }] of Object.entries(SCENARIOS)) {
  const result = coverageOf(world, WORLDS, name === 'main' ? 0 : 1_000_000, name);
  results[name] = { world, ...result };
  if (!gated) continue;
  if (result.ok < WORLDS * 0.99) failures.push(`${name}: only ${result.ok} worlds had enough data`);
  for (const [metric, c] of Object.entries(result.coverage)) {
    if (c < 0.93 || c > 0.97) failures.push(`${name} ${metric} ${c}`);
  }
}
// Bootstrap (1000 resamples a world) on fewer worlds: sd 1.09 pp at 400, so its band is 95 ± 3.3 sd.
let bootHits = 0;
for (let seed = 1; seed <= BOOTSTRAP_WORLDS; seed += 1) {
  const { gated: _, ...world } = SCENARIOS.main;
  const { world: w, row } = analyzeWorld({ ...world, seed: 2_000_000 + seed }, { bootstrapResamples: 1000 });
  if (inside(row, 'revenue_boot_ci_low', 'revenue_boot_ci_high', w.truth.revenueLiftMinor)) bootHits += 1;
}
const bootstrap = bootHits / BOOTSTRAP_WORLDS;
if (bootstrap < 0.914 || bootstrap > 0.986) failures.push(`main bootstrap ${bootstrap}`);
console.log(
  JSON.stringify(
    {
      worlds: WORLDS,
      ...results,
      bootstrap: { worlds: BOOTSTRAP_WORLDS, coverage: bootstrap },
      seconds: Math.round(performance.now() - started) / 1000,
      failures,
    },
    null,
    2,
  ),
);
process.exit(failures.length > 0 ? 1 : 0);
