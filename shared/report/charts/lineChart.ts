import { escapeHtml } from '../escape.js';
import { seriesColor, seriesDash } from './palette.js';
import { domainWithZero, round2 } from './scale.js';
import {
  type ChartBox,
  DEFAULT_BOX,
  fitTickLabels,
  fittedLabel,
  legend,
  svgChart,
  valueAxis,
  yScale,
} from './svgFrame.js';

/**
 * Several series over the same x labels (days). A null breaks the line; every known value is
 * a `<circle class="point">`, so a single day still shows.
 */
export interface LineSeries {
  name: string;
  values: (number | null)[];
}

export interface LineChartOptions {
  id: string;
  title: string;
  description: string;
  xLabels: string[];
  series: LineSeries[];
  format: (value: number) => string;
  box?: Partial<ChartBox>;
}

/** The x of each label: evenly spread, a lone label in the middle. */
export function pointXs(box: ChartBox, n: number): number[] {
  const plot = box.width - box.left - box.right;
  if (n <= 1) return [round2(box.left + plot / 2)];
  return Array.from({ length: n }, (_, i) => round2(box.left + (plot * i) / (n - 1)));
}

export function lineChart(options: LineChartOptions): string {
  const frame: ChartBox = { ...DEFAULT_BOX, ...options.box };
  const { ticks } = domainWithZero(options.series.flatMap((series) => series.values));
  const box = fitTickLabels(frame, ticks, options.format);
  const y = yScale(box, ticks);
  const xs = pointXs(box, options.xLabels.length);

  const parts: string[] = [valueAxis(box, ticks, options.format)];
  // At most ~8 x labels, always the first and the last.
  const every = Math.max(1, Math.ceil(options.xLabels.length / 8));
  options.xLabels.forEach((label, i) => {
    if (i % every !== 0 && i !== options.xLabels.length - 1) return;
    parts.push(
      `<text class="category" x="${xs[i]}" y="${box.height - box.bottom + 18}" text-anchor="middle">${escapeHtml(fittedLabel(label, 12))}</text>`,
    );
  });

  options.series.forEach((series, s) => {
    const color = seriesColor(s);
    let path = '';
    let pen = false;
    series.values.forEach((value, i) => {
      if (value === null || !Number.isFinite(value) || i >= xs.length) {
        pen = false;
        return;
      }
      path += `${pen ? 'L' : 'M'}${xs[i]} ${y(value)}`;
      pen = true;
    });
    if (path) {
      parts.push(
        `<path class="line" data-series="${escapeHtml(series.name)}" d="${path}" fill="none" stroke="${color}" stroke-width="2.5" stroke-dasharray="${seriesDash(s)}"/>`,
      );
    }
    series.values.forEach((value, i) => {
      if (value === null || !Number.isFinite(value) || i >= xs.length) return;
      const label = `${series.name}, ${options.xLabels[i] ?? ''}: ${options.format(value)}`;
      parts.push(
        `<circle class="point" data-series="${escapeHtml(series.name)}" data-value="${value}" cx="${xs[i]}" cy="${y(value)}" r="3.5" fill="${color}"><title>${escapeHtml(label)}</title></circle>`,
      );
    });
  });

  return svgChart({
    id: options.id,
    kind: 'line',
    title: options.title,
    description: options.description,
    box,
    body: parts.join(''),
    after: legend(
      options.series.map((series) => series.name),
      'line',
    ),
  });
}
