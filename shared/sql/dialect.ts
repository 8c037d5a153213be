/**
 * The SQL twins are written in Trino's dialect (what Athena runs) within the subset DuckDB also
 * runs; these statements make DuckDB run the rest unchanged: integer `/` on integers, and
 * macros under Trino's names for what DuckDB spells differently.
 */
export const DUCKDB_DIALECT: readonly string[] = [
  'SET integer_division = true',
  'CREATE OR REPLACE MACRO json_extract_scalar(json, path) AS json_extract_string(json, path)',
  'CREATE OR REPLACE MACRO regexp_like(text, pattern) AS regexp_matches(text, pattern)',
  // Trino: with_timezone(timestamp, zone) reads a zone-less timestamp as wall time in zone;
  // at_timezone(timestamp with time zone, zone) shows the instant in another zone.
  'CREATE OR REPLACE MACRO with_timezone(ts, zone) AS timezone(zone, ts)',
  'CREATE OR REPLACE MACRO at_timezone(ts, zone) AS timezone(zone, ts)',
  'CREATE OR REPLACE MACRO day_of_week(ts) AS isodow(ts)',
  'CREATE OR REPLACE MACRO day_of_month(ts) AS dayofmonth(ts)',
  'CREATE OR REPLACE MACRO last_day_of_month(ts) AS last_day(ts)',
];

/** Replaces each `{{name}}`; a name without a value is an error, not an empty string. */
export function bindSql(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`SQL placeholder {{${name}}} has no value`);
    return value;
  });
}

/** A safe integer as SQL text. */
export const sqlInt = (value: number): string => {
  if (!Number.isSafeInteger(value)) throw new Error(`SQL parameter ${value} is not an integer`);
  return String(value);
};

/** A number as a DOUBLE, to the last bit (JavaScript prints the shortest text that reads back the same). */
export const sqlDouble = (value: number): string => {
  if (!Number.isFinite(value)) throw new Error(`SQL parameter ${value} is not finite`);
  return `CAST('${String(value)}' AS DOUBLE)`;
};

/** A string literal, quotes doubled. */
export const sqlString = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** A `YYYY-MM-DD` day, checked, for a literal's body. */
export const sqlDay = (day: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`"${day}" is not a day`);
  return day;
};
