import { describe, expect, it } from 'vitest';
import { barChart } from '../../../shared/report/charts/barChart.js';
import { errorBarChart } from '../../../shared/report/charts/errorBarChart.js';
import {
  FUNNEL_LABEL_WIDTH,
  FUNNEL_VALUE_WIDTH,
  funnelChart,
} from '../../../shared/report/charts/funnelChart.js';
import { lineChart } from '../../../shared/report/charts/lineChart.js';
import { linearScale, niceTicks } from '../../../shared/report/charts/scale.js';
import { DEFAULT_BOX } from '../../../shared/report/charts/svgFrame.js';

/** The attributes of every `<tag class="cls" …>` in an SVG string, as numbers where they are. */
function elements(svg: string, tag: string, cls: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of svg.matchAll(new RegExp(`<${tag} class="${cls}"([^>]*)>`, 'g'))) {
    const attributes: Record<string, string> = {};
    for (const [, name, value] of match[1]!.matchAll(/([a-z0-9-]+)="([^"]*)"/g)) attributes[name!] = value!;
    found.push(attributes);
  }
  return found;
}
const n = (value: string | undefined) => Number(value);

// DEFAULT_BOX: 640 x 260, top 20, bottom 44: the plot runs from y = 216 (bottom) up to y = 20.
const BOTTOM = DEFAULT_BOX.height - DEFAULT_BOX.bottom;
const PLOT_HEIGHT = BOTTOM - DEFAULT_BOX.top; // 196

describe('Function: niceTicks', () => {
  it.each([
    // span 40 / 4 = 10 -> step 10
    [0, 40, [0, 10, 20, 30, 40]],
    // span 1.65 / 4 = 0.4125 -> step 0.5; floor(-0.4 / 0.5) = -1, ceil(1.25 / 0.5) = 3
    [-0.4, 1.25, [-0.5, 0, 0.5, 1, 1.5]],
    // a flat zero domain widens to [0, 1]: 1 / 4 = 0.25 rounds up to the 1-2-5 step 0.5
    [0, 0, [0, 0.5, 1]],
  ])('covers [%d, %d] with 1-2-5 steps', (min, max, expected) => {
    expect(niceTicks(min, max)).toEqual(expected);
  });

  it('keeps whole steps for counts', () => {
    // span 1 / 4 = 0.25 -> 0.5, raised to 1
    expect(niceTicks(0, 1, 4, true)).toEqual([0, 1]);
  });

  it('maps a domain linearly onto a range', () => {
    const y = linearScale([0, 40], [216, 20]);
    expect([y(0), y(10), y(40)]).toEqual([216, 167, 20]); // 216 - 10/40 * 196 = 167
  });
});

describe('Function: barChart', () => {
  it('draws bars whose heights are proportional to their values', () => {
    // Prepare
    const svg = barChart({
      id: 'c',
      title: 't',
      description: 'd',
      series: ['v'],
      groups: [10, 20, 40].map((value) => ({ label: String(value), values: [value] })),
      format: String,
    });

    // Act
    const bars = elements(svg, 'rect', 'bar');

    // Assess: ticks 0..40, so 10 -> 196 * 10/40 = 49 px, 20 -> 98, 40 -> 196; all stand on y = 216
    expect(bars.map((bar) => n(bar.height))).toEqual([49, 98, PLOT_HEIGHT]);
    expect(bars.map((bar) => n(bar.y) + n(bar.height))).toEqual([BOTTOM, BOTTOM, BOTTOM]);
  });

  it('draws a negative value down from the zero line', () => {
    const svg = barChart({
      id: 'c',
      title: 't',
      description: 'd',
      series: ['roi'],
      groups: [
        { label: 'a', values: [-20] },
        { label: 'b', values: [40] },
      ],
      format: String,
      highlightNegative: true,
    });

    const [negative, positive] = elements(svg, 'rect', 'bar');

    // -20 widened by 15% for its label: -23..40, span 63 / 4 = 15.75 -> step 20, ticks -40..40;
    // 196 px / 80 = 2.45 px per unit, zero at 216 - 40 * 2.45 = 118
    expect(n(negative!.y)).toBe(118);
    expect(n(negative!.height)).toBe(49); // 20 * 2.45
    expect(n(positive!.y)).toBe(20);
    expect(n(positive!.height)).toBe(98); // 40 * 2.45
    expect(negative!.fill).not.toBe(positive!.fill);
  });

  it('draws one bar per series in each group and "n/a" instead of a missing one', () => {
    const svg = barChart({
      id: 'c',
      title: 't',
      description: 'd',
      series: ['incremental', 'attributed'],
      groups: [
        { label: 'a', values: [1, 2] },
        { label: 'b', values: [null, 3] },
      ],
      format: String,
    });

    expect(elements(svg, 'rect', 'bar').map((bar) => bar['data-series'])).toEqual([
      'incremental',
      'attributed',
      'attributed',
    ]);
    expect(svg).toContain('data-chart="grouped-bar"');
    expect(svg).toContain('>n/a</text>');
    expect(svg).toContain('<ul class="legend">');
  });
});

describe('Function: lineChart', () => {
  it('draws a point per known value and breaks the line at a gap', () => {
    const svg = lineChart({
      id: 'c',
      title: 't',
      description: 'd',
      xLabels: ['d1', 'd2', 'd3'],
      series: [{ name: 's', values: [0.1, null, 0.3] }],
      format: String,
    });

    const points = elements(svg, 'circle', 'point');
    // x: 64 and 64 + 560 (plot 640 - 64 - 16 = 560) at the ends; y: 0.3 / 4 = 0.075 -> step 0.1,
    // ticks 0..0.3: 0.1 -> 216 - 196 / 3 = 150.67, 0.3 -> 20 (the top)
    expect(points.map((p) => [n(p.cx), n(p.cy)])).toEqual([
      [64, 150.67],
      [624, 20],
    ]);
    const path = elements(svg, 'path', 'line')[0]!.d!;
    expect(path).toBe('M64 150.67M624 20'); // two pieces, no segment across the gap
  });
});

describe('Function: funnelChart', () => {
  it('draws each stage as wide as its count relative to the first', () => {
    const svg = funnelChart({
      id: 'f',
      title: 't',
      description: 'd',
      stages: [
        { label: 'sent', value: 1000 },
        { label: 'clicked', value: 500 },
        { label: 'converted', value: 250 },
        { label: 'replied', value: null },
      ],
    });

    const bars = elements(svg, 'rect', 'bar');
    const plot = 640 - FUNNEL_LABEL_WIDTH - FUNNEL_VALUE_WIDTH; // 354
    expect(bars.map((bar) => n(bar.width))).toEqual([plot, plot / 2, plot / 4]);
    expect(svg).toContain('500 · 50.0% of previous');
    expect(svg).toContain('>n/a</text>');
  });
});

describe('Function: errorBarChart', () => {
  it('puts each interval and estimate at the y of its values', () => {
    const svg = errorBarChart({
      id: 'e',
      title: 't',
      description: 'd',
      rows: [
        { label: 'a', estimate: 0.03, low: 0.01, high: 0.05 },
        { label: 'b', estimate: -0.01, low: -0.03, high: 0.01 },
        { label: 'c', estimate: null, low: null, high: null, missingNote: 'insufficient data' },
      ],
      format: String,
    });

    // values -0.03..0.05: span 0.08 / 4 = 0.02 -> ticks -0.04..0.06; y(v) = 216 - (v + 0.04) / 0.1 * 196
    const y = (v: number) => 216 - ((v + 0.04) / 0.1) * 196;
    const intervals = elements(svg, 'line', 'ci');
    expect(intervals).toHaveLength(2);
    expect(n(intervals[0]!.y1)).toBeCloseTo(y(0.01), 1); // 118
    expect(n(intervals[0]!.y2)).toBeCloseTo(y(0.05), 1); // 39.6
    expect(n(intervals[1]!.y1)).toBeCloseTo(y(-0.03), 1); // 196.4
    expect(n(intervals[1]!.y2)).toBeCloseTo(y(0.01), 1);
    const points = elements(svg, 'circle', 'point');
    expect(points.map((p) => n(p.cy))).toEqual([78.8, 157.2]); // y(0.03), y(-0.01)
    // each interval stands at its row's x, the estimate on it
    expect(points.map((p) => p.cx)).toEqual(intervals.map((line) => line.x1));
    expect(svg).toContain('insufficient data');
  });
});
