import { escapeHtml } from '../escape.js';
import { NOT_AVAILABLE } from '../format.js';
import { INK, MUTED, NEGATIVE, seriesColor } from './palette.js';
import { domainWithZero, round2 } from './scale.js';
import {
  bands,
  type ChartBox,
  categoryLabel,
  DEFAULT_BOX,
  fitTickLabels,
  legend,
  svgChart,
  valueAxis,
  yScale,
} from './svgFrame.js';

/**
 * Vertical bars growing from zero (up for positive values, down for negative), one group per
 * category and one bar per series in each group. A single series is a plain bar chart.
 * Each bar is `<rect class="bar" data-value>`; a missing value draws no bar, only "n/a".
 */
export interface BarGroup {
  label: string;
  /** One value per series, in series order; null = not available. */
  values: (number | null)[];
}

export interface BarChartOptions {
  id: string;
  title: string;
  description: string;
  /** Names of the series (a legend is drawn when there are two or more). */
  series: string[];
  groups: BarGroup[];
  format: (value: number) => string;
  /** Whole-number ticks (counts). @default false */
  integer?: boolean;
  /** Colour negative single-series bars red (ROI below zero). @default false */
  highlightNegative?: boolean;
  box?: Partial<ChartBox>;
}

export function barChart(options: BarChartOptions): string {
  const frame: ChartBox = { ...DEFAULT_BOX, ...options.box };
  // Room under the lowest bar for its value label (15%).
  const { ticks } = domainWithZero(
    options.groups.flatMap((group) => group.values),
    { integer: options.integer, belowRoom: 0.15 },
  );
  const box = fitTickLabels(frame, ticks, options.format);
  const y = yScale(box, ticks);
  const zero = y(0);
  const { centers, width: band } = bands(box, options.groups.length);
  const seriesCount = Math.max(1, options.series.length);
  const groupWidth = Math.min(band * 0.7, 56 * seriesCount);
  const barWidth = round2(groupWidth / seriesCount);
  const every = Math.max(1, Math.ceil(options.groups.length / 10));

  const parts: string[] = [valueAxis(box, ticks, options.format)];
  options.groups.forEach((group, g) => {
    const groupLeft = centers[g]! - groupWidth / 2;
    group.values.slice(0, seriesCount).forEach((value, s) => {
      const x = round2(groupLeft + s * barWidth);
      const mid = round2(x + barWidth / 2);
      const seriesName = options.series[s] ?? '';
      if (value === null || !Number.isFinite(value)) {
        // Labelled only while every group is labelled: on a long run of days the marks would collide.
        if (every === 1) {
          parts.push(
            `<text class="missing" x="${mid}" y="${round2(zero - 4)}" text-anchor="middle" fill="${MUTED}">${NOT_AVAILABLE}</text>`,
          );
        }
        return;
      }
      const top = y(value);
      const fill = options.highlightNegative && seriesCount === 1 && value < 0 ? NEGATIVE : seriesColor(s);
      const label = `${group.label}${seriesCount > 1 ? ` — ${seriesName}` : ''}: ${options.format(value)}`;
      parts.push(
        `<rect class="bar" data-series="${escapeHtml(seriesName)}" data-value="${value}" x="${x}" y="${Math.min(top, zero)}" width="${round2(barWidth - 2)}" height="${round2(Math.abs(zero - top))}" fill="${fill}"><title>${escapeHtml(label)}</title></rect>`,
      );
      // Value labels only where they fit; the bar's tooltip always has the value.
      if (barWidth < 28) return;
      const labelY = value >= 0 ? round2(top - 4) : round2(top + 13);
      parts.push(
        `<text class="value" x="${mid}" y="${labelY}" text-anchor="middle" fill="${INK}">${escapeHtml(options.format(value))}</text>`,
      );
    });
    // Many groups (days): label every k-th, always the last, each with k bands of room.
    if (g % every === 0 || g === options.groups.length - 1) {
      parts.push(categoryLabel(group.label, centers[g]!, box.height - box.bottom + 18, band * every));
    }
  });

  return svgChart({
    id: options.id,
    kind: seriesCount > 1 ? 'grouped-bar' : 'bar',
    title: options.title,
    description: options.description,
    box,
    body: parts.join(''),
    after: options.series.length > 1 ? legend(options.series) : '',
  });
}
