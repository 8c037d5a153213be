import { escapeHtml } from '../escape.js';
import { formatCount, formatRate, NOT_AVAILABLE } from '../format.js';
import { INK, MUTED, seriesColor } from './palette.js';
import { round2 } from './scale.js';
import { svgChart } from './svgFrame.js';

/**
 * A funnel as horizontal bars, each as wide as its count relative to the widest stage, with
 * the share of the previous stage that made it through.
 */
export interface FunnelStage {
  label: string;
  value: number | null;
}

export interface FunnelChartOptions {
  id: string;
  title: string;
  description: string;
  stages: FunnelStage[];
  width?: number;
}

export const FUNNEL_ROW = 30;
export const FUNNEL_LABEL_WIDTH = 96;
/** Room on the right for "1,234 · 45.6% of previous". */
export const FUNNEL_VALUE_WIDTH = 190;

export function funnelChart(options: FunnelChartOptions): string {
  const width = options.width ?? 640;
  const height = options.stages.length * FUNNEL_ROW + 8;
  const plot = width - FUNNEL_LABEL_WIDTH - FUNNEL_VALUE_WIDTH;
  const max = Math.max(0, ...options.stages.map((stage) => stage.value ?? 0));
  const parts: string[] = [];
  let previous: number | null = null;
  options.stages.forEach((stage, i) => {
    const top = 4 + i * FUNNEL_ROW;
    const mid = round2(top + FUNNEL_ROW / 2 + 4);
    parts.push(
      `<text class="category" x="${FUNNEL_LABEL_WIDTH - 8}" y="${mid}" text-anchor="end">${escapeHtml(stage.label)}</text>`,
    );
    const value = stage.value;
    if (value === null || !Number.isFinite(value)) {
      parts.push(
        `<text class="missing" x="${FUNNEL_LABEL_WIDTH + 4}" y="${mid}" fill="${MUTED}">${NOT_AVAILABLE}</text>`,
      );
      previous = null;
      return;
    }
    const barWidth = max > 0 ? round2((value / max) * plot) : 0;
    const x = round2(FUNNEL_LABEL_WIDTH + (plot - barWidth) / 2);
    const share = previous !== null && previous > 0 ? ` · ${formatRate(value / previous)} of previous` : '';
    const text = `${formatCount(value)}${share}`;
    parts.push(
      `<rect class="bar" data-stage="${escapeHtml(stage.label)}" data-value="${value}" x="${x}" y="${top + 3}" width="${barWidth}" height="${FUNNEL_ROW - 6}" rx="3" fill="${seriesColor(0)}"><title>${escapeHtml(`${stage.label}: ${text}`)}</title></rect>`,
      `<text class="value" x="${FUNNEL_LABEL_WIDTH + plot + 8}" y="${mid}" fill="${INK}">${escapeHtml(text)}</text>`,
    );
    previous = value;
  });
  return svgChart({
    id: options.id,
    kind: 'funnel',
    title: options.title,
    description: options.description,
    box: { width, height, top: 0, right: 0, bottom: 0, left: 0 },
    body: parts.join(''),
  });
}
