import { escapeHtml } from '../escape.js';
import { MUTED, seriesColor } from './palette.js';
import { domainWithZero, round2 } from './scale.js';
import {
  bands,
  type ChartBox,
  categoryLabel,
  DEFAULT_BOX,
  fitTickLabels,
  svgChart,
  valueAxis,
  yScale,
} from './svgFrame.js';

/**
 * Point estimates with their confidence intervals (a forest plot on its side): per row a
 * `<line class="ci">` from the low to the high bound, caps, and a `<circle class="point">` at
 * the estimate. Zero is always on the axis, so "does the interval cross zero" is visible.
 */
export interface ErrorBarRow {
  label: string;
  estimate: number | null;
  low: number | null;
  high: number | null;
  /** Shown instead of the bar when there is no estimate (e.g. "insufficient data"). */
  missingNote?: string;
}

export interface ErrorBarChartOptions {
  id: string;
  title: string;
  description: string;
  rows: ErrorBarRow[];
  format: (value: number) => string;
  box?: Partial<ChartBox>;
}

const known = (value: number | null): value is number => value !== null && Number.isFinite(value);

export function errorBarChart(options: ErrorBarChartOptions): string {
  const frame: ChartBox = { ...DEFAULT_BOX, ...options.box };
  const { ticks } = domainWithZero(options.rows.flatMap((row) => [row.estimate, row.low, row.high]));
  const box = fitTickLabels(frame, ticks, options.format);
  const y = yScale(box, ticks);
  const { centers, width: band } = bands(box, options.rows.length);
  const cap = round2(Math.min(12, band * 0.2));
  const parts: string[] = [valueAxis(box, ticks, options.format)];
  options.rows.forEach((row, i) => {
    const x = centers[i]!;
    const color = seriesColor(0);
    if (!known(row.estimate)) {
      parts.push(
        `<text class="missing" x="${x}" y="${round2(y(0) - 6)}" text-anchor="middle" fill="${MUTED}">${escapeHtml(row.missingNote ?? 'n/a')}</text>`,
      );
    } else {
      const interval = known(row.low) && known(row.high);
      const label = `${row.label}: ${options.format(row.estimate)}${interval ? ` (95% CI ${options.format(row.low!)} to ${options.format(row.high!)})` : ''}`;
      if (interval) {
        const low = y(row.low!);
        const high = y(row.high!);
        parts.push(
          `<line class="ci" data-low="${row.low}" data-high="${row.high}" x1="${x}" x2="${x}" y1="${low}" y2="${high}" stroke="${color}" stroke-width="2"/>`,
          `<line class="cap" x1="${round2(x - cap)}" x2="${round2(x + cap)}" y1="${low}" y2="${low}" stroke="${color}" stroke-width="2"/>`,
          `<line class="cap" x1="${round2(x - cap)}" x2="${round2(x + cap)}" y1="${high}" y2="${high}" stroke="${color}" stroke-width="2"/>`,
        );
      }
      parts.push(
        `<circle class="point" data-value="${row.estimate}" cx="${x}" cy="${y(row.estimate)}" r="5" fill="${color}"><title>${escapeHtml(label)}</title></circle>`,
      );
    }
    parts.push(categoryLabel(row.label, x, box.height - box.bottom + 18, band));
  });
  return svgChart({
    id: options.id,
    kind: 'error-bar',
    title: options.title,
    description: options.description,
    box,
    body: parts.join(''),
  });
}
