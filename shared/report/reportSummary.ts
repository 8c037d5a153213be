import { terminalSafe } from './escape.js';
import { formatCount, formatMoney, formatPoints, formatRate, formatRoi } from './format.js';
import { periodLabel } from './renderReport.js';
import { type ReportData, SRM_ALPHA, type WorkflowReport } from './reportData.js';

/**
 * The report in a terminal: per category a compact table aligned on its columns (numbers to
 * the right), the same figures as the HTML table, then one line per holdout result. Plain
 * text, no colours; text from the data is stripped of control characters.
 */
interface SummaryColumn {
  header: string;
  cell: (w: WorkflowReport) => string;
  right: boolean;
}

const money = (pick: (w: WorkflowReport) => number | null) => (w: WorkflowReport) =>
  formatMoney(pick(w), w.currency);

const COLUMNS: SummaryColumn[] = [
  { header: 'workflow', cell: (w) => terminalSafe(w.label), right: false },
  { header: 'kind', cell: (w) => w.kind, right: false },
  { header: 'volume', cell: (w) => formatCount(w.totals.recipients), right: true },
  { header: 'CTR', cell: (w) => formatRate(w.totals.ctr), right: true },
  { header: 'reply', cell: (w) => formatRate(w.totals.replyRate), right: true },
  { header: 'opt-out', cell: (w) => formatRate(w.totals.optOutRate), right: true },
  { header: 'conv', cell: (w) => formatCount(w.totals.conversions), right: true },
  { header: 'RPR', cell: money((w) => w.totals.revenuePerRecipientMinor), right: true },
  { header: 'profit', cell: money((w) => w.totals.profitMinor), right: true },
  { header: 'cost/outcome', cell: money((w) => w.totals.costPerOutcomeMinor), right: true },
  { header: 'pipeline', cell: money((w) => w.totals.pipelineInfluencedMinor), right: true },
  { header: 'ROI attr.*', cell: (w) => formatRoi(w.totals.roiAttributed), right: true },
];

/** Lines of a table whose columns are as wide as their widest cell, two spaces apart. */
export function alignColumns(rows: string[][], rightAligned: readonly boolean[]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => [...(row[i] ?? '')].length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - [...cell].length);
        return rightAligned[i] ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

export function formatReportSummary(data: ReportData): string {
  const lines = [`Scorecard ${periodLabel(data.period)} up to ${data.dt}`];
  if (data.categories.length === 0) lines.push('  no scorecards yet (npm run job -- scorecards)');
  for (const category of data.categories) {
    lines.push('', `${terminalSafe(category.category)}`);
    const rows = [
      COLUMNS.map((c) => c.header),
      ...category.workflows.map((w) => COLUMNS.map((c) => c.cell(w))),
    ];
    for (const line of alignColumns(
      rows,
      COLUMNS.map((c) => c.right),
    ))
      lines.push(`  ${line}`);
  }
  if (data.categories.length > 0) lines.push('', '* attributed (not incremental)');
  if (data.lift && data.lift.length > 0) {
    lines.push('', 'Holdout lift (treated minus holdout conversion rate, 95% CI)');
    const rows = [
      ['workflow', 'treated', 'holdout', 'lift', '95% CI', 'ROI incr.', 'ROI attr.', 'split'],
      ...data.lift.map((r) => [
        terminalSafe(r.label),
        formatCount(r.treated),
        formatCount(r.holdout),
        r.status === 'ok' ? formatPoints(r.liftAbs) : 'insufficient data',
        r.status === 'ok' ? `${formatPoints(r.liftAbsCiLow)} to ${formatPoints(r.liftAbsCiHigh)}` : '',
        formatRoi(r.roiIncremental),
        formatRoi(r.roiAttributed),
        r.srmPValue !== null && r.srmPValue < SRM_ALPHA ? 'MISMATCH' : 'ok',
      ]),
    ];
    for (const line of alignColumns(rows, [false, true, true, true, true, true, true, false])) {
      lines.push(`  ${line}`);
    }
  }
  return lines.join('\n');
}
