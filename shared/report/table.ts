import { escapeHtml } from './escape.js';

/**
 * A small HTML table. Cells are plain text (escaped here); numeric columns align right so
 * digits line up.
 */
export interface TableColumn<Row> {
  header: string;
  cell: (row: Row) => string;
  numeric?: boolean;
  /** Header tooltip: how the column is defined. */
  title?: string;
  /** Long text that may wrap (the other columns never do). */
  wrap?: boolean;
}

const cellClass = (column: TableColumn<never>) =>
  column.numeric ? ' class="num"' : column.wrap ? ' class="wrap"' : '';

export function htmlTable<Row>(
  caption: string,
  columns: TableColumn<Row>[],
  rows: readonly Row[],
  variant: 'wide' | 'narrow' = 'wide',
): string {
  const head = columns
    .map((column) => {
      const title = column.title ? ` title="${escapeHtml(column.title)}"` : '';
      return `<th scope="col"${column.numeric ? ' class="num"' : ''}${title}>${escapeHtml(column.header)}</th>`;
    })
    .join('');
  const body = rows
    .map((row) => {
      const cells = columns.map((column, i) => {
        const text = escapeHtml(column.cell(row));
        if (i === 0) return `<th scope="row">${text}</th>`;
        return `<td${cellClass(column as TableColumn<never>)}>${text}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  return `<div class="table-wrap ${variant}"><table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}
