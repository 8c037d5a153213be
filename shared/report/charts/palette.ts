/**
 * Series colours, each at least 4.5:1 against the white background (WCAG AA for text, so
 * also for thin lines), and a dash pattern per series so lines differ without colour too.
 */
export const SERIES_COLORS = ['#1d4ed8', '#b45309', '#047857', '#7e22ce', '#be123c', '#334155'] as const;
export const SERIES_DASHES = ['', '6 3', '2 3', '8 3 2 3', '4 4', '1 2'] as const;

export const seriesColor = (index: number): string => SERIES_COLORS[index % SERIES_COLORS.length]!;
export const seriesDash = (index: number): string => SERIES_DASHES[index % SERIES_DASHES.length]!;

/** Axis text and grid lines. */
export const INK = '#1f2937';
export const MUTED = '#4b5563';
export const GRID = '#d1d5db';
export const NEGATIVE = '#be123c';
