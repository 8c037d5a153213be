import { anchorId, ChartIds } from './chartIds.js';
import { escapeHtml } from './escape.js';
import type { ReportData } from './reportData.js';
import { definitionsSection } from './sections/definitionsSection.js';
import { healthSection } from './sections/healthSection.js';
import { incrementalitySection } from './sections/incrementalitySection.js';
import { categorySection } from './sections/workflowSections.js';
import { REPORT_CSS } from './style.js';

/**
 * The whole report as one self-contained HTML document: inline CSS and hand-written SVG, no
 * script, no external URL of any kind, so it opens from a file, an S3 download or an email
 * attachment alike. Pure: the same data renders the same bytes.
 */
export function renderReport(data: ReportData): string {
  const ids = new ChartIds();
  const title = `SMS program report — ${data.dt}`;
  const versions = data.definitions.map((d) => d.version).join(', ') || 'n/a';
  const nav = [
    ...data.categories.map(
      (c) => `<a href="#${anchorId('category', c.category)}">${escapeHtml(c.category)}</a>`,
    ),
    '<a href="#opt-outs">opt-outs</a>',
    '<a href="#incrementality">incrementality</a>',
    '<a href="#definitions">definitions</a>',
  ].join('');
  const body =
    data.categories.length === 0
      ? `<section class="block"><h2>Scorecards</h2><p class="empty">No scorecards yet for ${escapeHtml(data.dt)}: run the scorecards job (<code>npm run job -- scorecards</code>) first.</p></section>`
      : data.categories.map((category) => categorySection(category, periodLabel(data.period), ids)).join('');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network, ever: the browser refuses any fetch this page could make.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<header class="page">',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>Figures ${escapeHtml(periodLabel(data.period))} up to ${escapeHtml(data.dt)} · definitions ${escapeHtml(versions)} · generated ${escapeHtml(generatedLabel(data.generatedAt))}</p>`,
    `<nav aria-label="Sections">${nav}</nav>`,
    '</header>',
    '<main>',
    body,
    healthSection(data.optOutTrend, data.fatigue, ids),
    incrementalitySection(data.lift, data.ltv, ids),
    definitionsSection(data.definitions),
    '</main>',
    '<footer>Attributed figures credit touches by the configured attribution rules; only the holdout lift measures what SMS caused.</footer>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const PERIODS: Record<string, string> = {
  to_date: 'to date',
  day: 'of the day',
  '7d': 'over 7 days',
  '28d': 'over 28 days',
  '90d': 'over 90 days',
};

/** "2026-11-25T06:00:00.000Z" -> "2026-11-25 06:00 UTC". */
const generatedLabel = (iso: string): string =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;

export const periodLabel = (period: string): string => PERIODS[period] ?? period;
