/** Chart ids unique within one page, in render order, so the same data renders the same HTML. */
export class ChartIds {
  private n = 0;
  next(): string {
    this.n += 1;
    return `chart-${this.n}`;
  }
}

/** An anchor id for a heading: lowercase letters, digits and dashes only (safe in an href). */
export function anchorId(prefix: string, text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${prefix}-${slug || 'x'}`;
}
