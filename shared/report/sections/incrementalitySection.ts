import type { ChartIds } from '../chartIds.js';
import { barChart } from '../charts/barChart.js';
import { errorBarChart } from '../charts/errorBarChart.js';
import { lineChart } from '../charts/lineChart.js';
import { escapeHtml } from '../escape.js';
import {
  formatCount,
  formatInterval,
  formatMoney,
  formatMoneyShort,
  formatPEquals,
  formatPoints,
  formatPValue,
  formatRate,
  formatRoi,
} from '../format.js';
import { type LiftReport, type LtvModel, type LtvReport, SRM_ALPHA } from '../reportData.js';
import { htmlTable } from '../table.js';
import { ATTRIBUTED_LABEL } from './workflowSections.js';

/**
 * Issue 7: what the holdouts say. Lift per workflow with its 95% interval, incremental beside
 * attributed ROI (the gap is the point), LTV curves by cohort, and SRM warnings in plain words.
 * Each part has its own empty state, so a report before the first holdout run still reads well.
 */
export function incrementalitySection(
  lift: LiftReport[] | undefined,
  ltv: LtvReport | undefined,
  ids: ChartIds,
) {
  const parts = [
    '<section class="block" id="incrementality" aria-labelledby="incrementality-h">',
    '<h2 id="incrementality-h">Incrementality: holdout lift</h2>',
  ];
  if (!lift || lift.length === 0) {
    parts.push(
      '<p class="empty">No holdout data yet: lift appears here once the holdouts job has compared treated contacts with their holdout.</p>',
    );
  } else {
    parts.push(...srmWarnings(lift), liftCharts(lift, ids), liftTable(lift));
  }
  parts.push('<h3>Lifetime value by cohort</h3>', ltvPart(ltv, ids), '</section>');
  return parts.join('');
}

/** One plain-language warning per workflow whose treatment/holdout split fails the SRM test. */
export function srmWarnings(lift: readonly LiftReport[]): string[] {
  return lift
    .filter((row) => row.srmPValue !== null && row.srmPValue < SRM_ALPHA)
    .map(
      (row) =>
        `<p class="warning" role="alert"><strong>Check the holdout of ${escapeHtml(row.label)}.</strong> ` +
        `It has ${escapeHtml(formatCount(row.treated))} treated and ${escapeHtml(formatCount(row.holdout))} holdout contacts, a split too far from the configured holdout rate to be chance ` +
        `(sample-ratio mismatch, ${escapeHtml(formatPEquals(row.srmPValue))}). Until the cause is found (assignment, missing ghost exposures, or a filter that treats the groups differently), do not trust its lift.</p>`,
    );
}

function liftCharts(lift: LiftReport[], ids: ChartIds): string {
  const lifts = errorBarChart({
    id: ids.next(),
    title: 'Conversion lift per workflow (treated minus holdout, 95% CI)',
    description:
      'Absolute difference in conversion rate between treated and holdout contacts for each workflow, with its 95% confidence interval. An interval that crosses zero is not a proven effect.',
    rows: lift.map((row) => ({
      label: row.label,
      estimate: row.status === 'ok' ? row.liftAbs : null,
      low: row.status === 'ok' ? row.liftAbsCiLow : null,
      high: row.status === 'ok' ? row.liftAbsCiHigh : null,
      missingNote: 'insufficient data',
    })),
    format: formatPoints,
  });
  const roi = barChart({
    id: ids.next(),
    title: 'Incremental vs attributed ROI per workflow',
    description: `For each workflow, ROI from incremental profit (holdout-measured) beside ROI ${ATTRIBUTED_LABEL}. The gap is what attribution over- or under-credits.`,
    series: ['Incremental ROI', `Attributed ROI, ${ATTRIBUTED_LABEL}`],
    groups: lift.map((row) => ({
      label: row.label,
      values: [row.status === 'ok' ? row.roiIncremental : null, row.roiAttributed],
    })),
    format: formatRoi,
  });
  return `<div class="grid"><div>${lifts}</div><div>${roi}</div></div>`;
}

function liftTable(lift: LiftReport[]): string {
  return htmlTable(
    'Holdout comparison per workflow',
    [
      { header: 'Workflow', cell: (r: LiftReport) => r.label },
      { header: 'Treated', cell: (r) => formatCount(r.treated), numeric: true },
      { header: 'Holdout', cell: (r) => formatCount(r.holdout), numeric: true },
      {
        header: 'Conversion treated / holdout',
        cell: (r) => `${formatRate(r.convRateTreated)} / ${formatRate(r.convRateHoldout)}`,
        numeric: true,
      },
      {
        header: 'Lift (95% CI)',
        cell: (r) =>
          r.status === 'ok'
            ? `${formatPoints(r.liftAbs)} (${formatInterval(r.liftAbsCiLow, r.liftAbsCiHigh, formatPoints)})`
            : 'insufficient data',
        numeric: true,
      },
      { header: 'p-value', cell: (r) => (r.status === 'ok' ? formatPValue(r.pValue) : 'n/a'), numeric: true },
      {
        header: 'Split (SRM)',
        cell: (r) => (r.srmPValue === null ? 'n/a' : r.srmPValue < SRM_ALPHA ? 'mismatch' : 'ok'),
        title: `sample-ratio mismatch test: "mismatch" when p < ${SRM_ALPHA}`,
      },
      {
        header: 'ROI incremental (95% CI)',
        cell: (r) =>
          r.roiIncremental === null
            ? 'n/a'
            : `${formatRoi(r.roiIncremental)} (${formatInterval(r.roiIncrementalCiLow, r.roiIncrementalCiHigh, formatRoi)})`,
        numeric: true,
      },
      {
        header: 'ROI attributed',
        cell: (r) => formatRoi(r.roiAttributed),
        numeric: true,
        title: ATTRIBUTED_LABEL,
      },
      {
        wrap: true,
        header: 'Verdict',
        cell: (r) =>
          r.status === 'ok'
            ? [r.verdict, r.recommendation].filter(Boolean).join(' · ') || 'n/a'
            : `insufficient data${r.reason ? `: ${r.reason}` : ''}`,
      },
    ],
    lift,
  );
}

function ltvPart(ltv: LtvReport | undefined, ids: ChartIds): string {
  const curves = ltv?.curves.filter((curve) => curve.points.some((p) => p.valueMinor !== null)) ?? [];
  if (!ltv || (curves.length === 0 && ltv.models.length === 0)) {
    return '<p class="empty">No LTV cohorts yet: curves appear once the holdouts job has written ltv_cohorts.</p>';
  }
  if (curves.length === 0) return ltv.models.map((model) => ltvModelTable(model, ltv.currency)).join('');
  const horizons = [...new Set(curves.flatMap((curve) => curve.points.map((p) => p.days)))].sort(
    (a, b) => a - b,
  );
  const chart = lineChart({
    id: ids.next(),
    title: `LTV curves by cohort: ${ltv.metric}`,
    description: `${ltv.metric} at ${horizons.join(', ')} days after first exposure, one line per cohort.`,
    xLabels: horizons.map((days) => `${days} d`),
    series: curves.map((curve) => ({
      name: curve.cohort,
      values: horizons.map((days) => curve.points.find((p) => p.days === days)?.valueMinor ?? null),
    })),
    format: (minor) => formatMoneyShort(minor, ltv.currency),
  });
  const models = ltv.models.map((model) => ltvModelTable(model, ltv.currency)).join('');
  return models ? `<div class="grid"><div>${chart}</div><div>${models}</div></div>` : chart;
}

/** The LTV ROI model's terms, result and every assumption it used, side by side. */
function ltvModelTable(model: LtvModel, currency: string): string {
  const rows: { name: string; value: string }[] = [
    ...model.terms.map((term) => ({ name: term.name, value: formatMoney(term.valueMinor, currency) })),
    { name: 'program cost', value: formatMoney(model.programCostMinor, currency) },
    { name: 'LTV ROI', value: formatRoi(model.ltvRoi) },
    ...Object.entries(model.assumptions ?? {}).map(([name, value]) => ({
      name: `assumption: ${name}`,
      value: typeof value === 'string' ? value : JSON.stringify(value),
    })),
  ];
  return htmlTable(
    `LTV ROI model${model.programId ? ` — ${model.programId}` : ''} (treatment vs holdout)`,
    [
      { header: 'Term', cell: (row: { name: string; value: string }) => row.name },
      { header: 'Value', cell: (row) => row.value, numeric: true },
    ],
    rows,
    'narrow',
  );
}
