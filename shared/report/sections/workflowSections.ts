import { anchorId, type ChartIds } from '../chartIds.js';
import { barChart } from '../charts/barChart.js';
import { funnelChart } from '../charts/funnelChart.js';
import { lineChart } from '../charts/lineChart.js';
import { escapeHtml } from '../escape.js';
import { formatCount, formatMoney, formatRate, formatRoi } from '../format.js';
import type { CategoryReport, WorkflowReport } from '../reportData.js';
import { htmlTable, type TableColumn } from '../table.js';

/**
 * One section per category: attributed ROI of its workflows side by side (compared only
 * within the category), the table of their figures, then per workflow its funnel and trends.
 */
export const ATTRIBUTED_LABEL = 'attributed (not incremental)';

const money = (pick: (w: WorkflowReport) => number | null) => (w: WorkflowReport) =>
  formatMoney(pick(w), w.currency);

export const WORKFLOW_COLUMNS: TableColumn<WorkflowReport>[] = [
  { header: 'Workflow', cell: (w) => w.label },
  { header: 'Kind', cell: (w) => w.kind },
  { header: 'Recipients', cell: (w) => formatCount(w.totals.recipients), numeric: true },
  {
    header: 'CTR',
    cell: (w) => formatRate(w.totals.ctr),
    numeric: true,
    title: 'unique human (non-bot) clickers / recipients',
  },
  {
    header: 'Reply',
    cell: (w) => formatRate(w.totals.replyRate),
    numeric: true,
    title: 'unique repliers / recipients',
  },
  {
    header: 'Opt-out',
    cell: (w) => formatRate(w.totals.optOutRate),
    numeric: true,
    title: 'opt-outs / recipients',
  },
  { header: 'Conversions', cell: (w) => formatCount(w.totals.conversions), numeric: true },
  {
    header: 'RPR',
    cell: money((w) => w.totals.revenuePerRecipientMinor),
    numeric: true,
    title: 'revenue per recipient',
  },
  {
    header: 'Profit',
    cell: money((w) => w.totals.profitMinor),
    numeric: true,
    title: 'margin minus discount cost',
  },
  { header: 'Cost', cell: money((w) => w.totals.costMinor), numeric: true, title: 'full program cost' },
  { header: 'Cost / outcome', cell: money((w) => w.totals.costPerOutcomeMinor), numeric: true },
  { header: 'Influenced pipeline', cell: money((w) => w.totals.pipelineInfluencedMinor), numeric: true },
  {
    header: 'ROI (attributed)',
    cell: (w) => formatRoi(w.totals.roiAttributed),
    numeric: true,
    title: `(attributed profit - program cost) / program cost: ${ATTRIBUTED_LABEL}`,
  },
];

export function categorySection(category: CategoryReport, period: string, ids: ChartIds): string {
  const name = category.category;
  const parts = [
    `<section class="block" id="${anchorId('category', name)}" aria-labelledby="${anchorId('category', name)}-h">`,
    `<h2 id="${anchorId('category', name)}-h">Category: ${escapeHtml(name)}</h2>`,
    `<p class="note">Workflows are ranked and compared only within this category. ROI here is <span class="label-attributed">${ATTRIBUTED_LABEL}</span>.</p>`,
  ];
  if (category.workflows.length === 0) {
    parts.push('<p class="empty">No workflow in this category has scorecard rows yet.</p></section>');
    return parts.join('');
  }
  parts.push(
    barChart({
      id: ids.next(),
      title: `ROI by workflow, ${ATTRIBUTED_LABEL} — ${name}`,
      description: `Attributed ROI of each ${name} workflow (${period}): (attributed profit minus program cost) divided by program cost. Attributed, not incremental.`,
      series: ['ROI, attributed (not incremental)'],
      groups: category.workflows.map((w) => ({ label: w.label, values: [w.totals.roiAttributed] })),
      format: formatRoi,
      highlightNegative: true,
      box: { height: 230 },
    }),
    htmlTable(`Workflows in ${name}, ${period}`, WORKFLOW_COLUMNS, category.workflows),
  );
  for (const workflow of category.workflows) parts.push(workflowArticle(workflow, period, ids));
  parts.push('</section>');
  return parts.join('');
}

function workflowArticle(workflow: WorkflowReport, period: string, ids: ChartIds): string {
  const f = workflow.funnel;
  const funnel = funnelChart({
    id: ids.next(),
    title: `Funnel — ${workflow.label} (${period})`,
    description: `${workflow.label}: messages eligible, sent and delivered, then recipients who clicked, replied and converted.`,
    stages: [
      { label: 'eligible', value: f.eligible },
      { label: 'sent', value: f.sent },
      { label: 'delivered', value: f.delivered },
      { label: 'clicked', value: f.clicked },
      { label: 'replied', value: f.replied },
      { label: 'converted', value: f.converted },
    ],
  });
  const trend = workflow.trend;
  const trends =
    trend.length === 0
      ? '<p class="empty">No daily figures yet for this workflow.</p>'
      : lineChart({
          id: ids.next(),
          title: `Daily rates — ${workflow.label}`,
          description: `CTR, reply rate and opt-out rate of ${workflow.label} per day, ${trend[0]!.day} to ${trend[trend.length - 1]!.day}.`,
          xLabels: trend.map((day) => day.day.slice(5)),
          series: [
            { name: 'CTR', values: trend.map((day) => day.ctr) },
            { name: 'Reply rate', values: trend.map((day) => day.replyRate) },
            { name: 'Opt-out rate', values: trend.map((day) => day.optOutRate) },
          ],
          format: formatRate,
          box: { height: 220 },
        }) +
        barChart({
          id: ids.next(),
          title: `Conversions per day — ${workflow.label}`,
          description: `Qualified outcomes credited to ${workflow.label} per day.`,
          series: ['Conversions'],
          groups: trend.map((day) => ({ label: day.day.slice(5), values: [day.conversions] })),
          format: formatCount,
          integer: true,
          box: { height: 180 },
        });
  return [
    `<article id="${anchorId('workflow', `${workflow.category}-${workflow.label}`)}">`,
    `<h3>${escapeHtml(workflow.label)}<span class="kind">${escapeHtml(workflow.kind)}</span></h3>`,
    `<div class="grid"><div>${funnel}</div><div>${trends}</div></div>`,
    '</article>',
  ].join('');
}
