import type { QueryResult } from './lakeQuery.js';

/**
 * Output forms for `npm run query`. One conversion feeds all three, so a value reads the same
 * in each: BIGINTs become numbers when they fit in a double exactly and strings otherwise,
 * timestamps ISO 8601 in UTC, DATEs `YYYY-MM-DD`, blobs base64, NaN/±Infinity strings.
 */
export function plainValue(value: unknown, isDate = false): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return isDate ? value.toISOString().slice(0, 10) : value.toISOString();
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map((item) => plainValue(item));
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainValue(v)]));
  }
  return value;
}

const plainRows = (result: QueryResult) =>
  result.rows.map((row) => row.map((value, i) => plainValue(value, result.columns[i]?.isDate)));

/** `--json`: an array of row objects, nothing else (a repeated column name keeps its last value). */
export function formatJson(result: QueryResult): string {
  const names = result.columns.map((c) => c.name);
  const objects = plainRows(result).map((row) => Object.fromEntries(names.map((name, i) => [name, row[i]])));
  return `${JSON.stringify(objects, null, 2)}\n`;
}

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, and tab/CR, which some apps strip
 * first) gets a leading `'`, as OWASP advises for CSV injection; the cell then shows the text
 * as typed. Only strings are neutralised: a negative number stays a number.
 * @see https://owasp.org/www-community/attacks/CSV_Injection
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field holding a comma, a quote, CR or LF is quoted, its quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvCell(value: unknown): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return csvField(neutralizeFormula(text));
}

/**
 * `--csv`: a header line, then one line per row, `\n`-terminated; NULL is an empty field.
 * Unsafe BIGINTs arrive as digit strings and are written as numbers, not neutralised.
 */
export function formatCsv(result: QueryResult): string {
  const lines = [result.columns.map((c) => csvField(neutralizeFormula(c.name))).join(',')];
  for (const row of plainRows(result)) {
    lines.push(
      row.map((v, i) => (result.columns[i]?.isNumeric && typeof v === 'string' ? v : csvCell(v))).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** One line per cell: control characters shown escaped so the columns stay aligned. */
function textCell(value: unknown): string {
  if (value === null) return 'NULL';
  const text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

const width = (text: string) => [...text].length;
const pad = (text: string, size: number, right: boolean) => {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return right ? fill + text : text + fill;
};

/** The default: an aligned text table, numbers right-aligned, then the row count. */
export function formatTable(result: QueryResult): string {
  const header = result.columns.map((c) => c.name);
  const cells = plainRows(result).map((row) => row.map(textCell));
  const widths = header.map((name, i) => Math.max(width(name), ...cells.map((row) => width(row[i]!))));
  const line = (row: string[], isHeader: boolean) =>
    row
      .map((text, i) => pad(text, widths[i]!, !isHeader && result.columns[i]!.isNumeric))
      .join(' | ')
      .trimEnd();
  const out = [line(header, true), widths.map((w) => '-'.repeat(w)).join('-+-')];
  for (const row of cells) out.push(line(row, false));
  const count = result.rows.length;
  out.push(`(${count} ${count === 1 ? 'row' : 'rows'})`);
  return `${out.join('\n')}\n`;
}
