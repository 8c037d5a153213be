import { escapeHtml } from '../escape.js';
import { GRID, MUTED, seriesColor, seriesDash } from './palette.js';
import { linearScale, round2 } from './scale.js';

/**
 * What every chart shares: the accessible <svg> shell (role img, <title> and <desc> the screen
 * reader announces), the value axis with grid lines, category labels and an HTML legend.
 */
export interface ChartBox {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const DEFAULT_BOX: ChartBox = { width: 640, height: 260, top: 20, right: 16, bottom: 44, left: 64 };

export interface ChartShell {
  /** Unique in the page; used for the title's id. */
  id: string;
  /** What `data-chart` says: bar, grouped-bar, line, funnel, error-bar. */
  kind: string;
  title: string;
  /** A sentence for screen readers: what the chart shows. */
  description: string;
  box: ChartBox;
  body: string;
  /** HTML after the chart (legend, notes). */
  after?: string;
}

export function svgChart(shell: ChartShell): string {
  const { id, box } = shell;
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return [
    `<figure class="chart" id="${escapeHtml(id)}">`,
    `<figcaption>${escapeHtml(shell.title)}</figcaption>`,
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" data-chart="${escapeHtml(shell.kind)}"`,
    ` aria-labelledby="${escapeHtml(titleId)} ${escapeHtml(descId)}" viewBox="0 0 ${box.width} ${box.height}"`,
    // Never drawn wider than designed (text would grow), narrower when the page is.
    ` width="${box.width}" height="${box.height}" style="max-width:${box.width}px">`,
    `<title id="${escapeHtml(titleId)}">${escapeHtml(shell.title)}</title>`,
    `<desc id="${escapeHtml(descId)}">${escapeHtml(shell.description)}</desc>`,
    shell.body,
    '</svg>',
    shell.after ?? '',
    '</figure>',
  ].join('');
}

/** Widens the left margin to fit the longest tick label (about 7 px a character at the tick font). */
export function fitTickLabels(
  box: ChartBox,
  ticks: readonly number[],
  format: (v: number) => string,
): ChartBox {
  const longest = Math.max(0, ...ticks.map((tick) => format(tick).length));
  return { ...box, left: Math.max(box.left, 16 + longest * 7) };
}

/** The y scale of a box for a tick domain. */
export function yScale(box: ChartBox, ticks: readonly number[]): (value: number) => number {
  return linearScale([ticks[0]!, ticks[ticks.length - 1]!], [box.height - box.bottom, box.top]);
}

/** Horizontal grid lines and their labels at each tick; the zero line darker. */
export function valueAxis(
  box: ChartBox,
  ticks: readonly number[],
  format: (value: number) => string,
): string {
  const y = yScale(box, ticks);
  return ticks
    .map((tick) => {
      const at = y(tick);
      const stroke = tick === 0 ? MUTED : GRID;
      return (
        `<line class="gridline" x1="${box.left}" x2="${box.width - box.right}" y1="${at}" y2="${at}" stroke="${stroke}" stroke-width="1"/>` +
        `<text class="tick" x="${box.left - 6}" y="${round2(at + 4)}" text-anchor="end">${escapeHtml(format(tick))}</text>`
      );
    })
    .join('');
}

/** A label cut to `maxChars` with an ellipsis; the full text stays as the element's tooltip. */
export function fittedLabel(text: string, maxChars: number): string {
  const limit = Math.max(3, maxChars);
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** A category label centred under x; the full text as its <title> tooltip. */
export function categoryLabel(text: string, x: number, y: number, bandWidth: number): string {
  const shown = fittedLabel(text, Math.floor(bandWidth / 7));
  return `<text class="category" x="${round2(x)}" y="${round2(y)}" text-anchor="middle"><title>${escapeHtml(text)}</title>${escapeHtml(shown)}</text>`;
}

/** An HTML legend: a swatch (colour and dash, like the series) and the series' name. */
export function legend(names: readonly string[], kind: 'line' | 'box' = 'box'): string {
  if (names.length === 0) return '';
  const items = names.map((name, i) => {
    const swatch =
      kind === 'line'
        ? `<svg width="28" height="10" aria-hidden="true"><line x1="1" x2="27" y1="5" y2="5" stroke="${seriesColor(i)}" stroke-width="3" stroke-dasharray="${seriesDash(i)}"/></svg>`
        : `<span class="swatch" style="background:${seriesColor(i)}" aria-hidden="true"></span>`;
    return `<li>${swatch}${escapeHtml(name)}</li>`;
  });
  return `<ul class="legend">${items.join('')}</ul>`;
}

/** Centres of `n` equal bands across the plot area, and the band's width. */
export function bands(box: ChartBox, n: number): { centers: number[]; width: number } {
  const plot = box.width - box.left - box.right;
  const width = plot / Math.max(1, n);
  return {
    centers: Array.from({ length: n }, (_, i) => round2(box.left + width * (i + 0.5))),
    width,
  };
}
