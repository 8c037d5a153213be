import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../../../infra/local/lakeQuery.js';
import {
  csvField,
  formatCsv,
  formatJson,
  formatTable,
  neutralizeFormula,
  plainValue,
} from '../../../infra/local/queryFormat.js';

const col = (name: string, kind: 'text' | 'number' | 'date' = 'text') => ({
  name,
  type: kind,
  isDate: kind === 'date',
  isNumeric: kind === 'number',
});

describe('Function: plainValue', () => {
  it.each([
    ['a safe BIGINT', 42n, 42],
    ['the largest safe BIGINT', 9_007_199_254_740_991n, 9_007_199_254_740_991],
    ['an unsafe BIGINT', 9_007_199_254_740_993n, '9007199254740993'],
    ['a negative unsafe BIGINT', -9_223_372_036_854_775_808n, '-9223372036854775808'],
    ['a timestamp', new Date('2026-11-25T10:15:30.123Z'), '2026-11-25T10:15:30.123Z'],
    ['NaN', Number.NaN, 'NaN'],
    ['a nested value', { at: [new Date(0), 1n] }, { at: ['1970-01-01T00:00:00.000Z', 1] }],
    ['null', null, null],
  ])('turns %s into a JSON-safe value', (_case, value, plain) => {
    expect(plainValue(value)).toEqual(plain);
  });

  it('writes a DATE as its day', () => {
    expect(plainValue(new Date('2026-11-25T00:00:00Z'), true)).toBe('2026-11-25');
  });
});

const result: QueryResult = {
  columns: [col('type'), col('n', 'number'), col('day', 'date'), col('note')],
  rows: [
    ['message.sent', 12n, new Date('2026-11-25T00:00:00Z'), 'a, "quoted"\nline'],
    ['=SUM(A1)', -3n, null, '@cmd'],
    ['+1 415', 2n ** 62n, null, null],
  ],
};

describe('Function: formatJson', () => {
  it('prints an array of row objects and nothing else', () => {
    expect(JSON.parse(formatJson(result))).toEqual([
      { type: 'message.sent', n: 12, day: '2026-11-25', note: 'a, "quoted"\nline' },
      { type: '=SUM(A1)', n: -3, day: null, note: '@cmd' },
      { type: '+1 415', n: '4611686018427387904', day: null, note: null },
    ]);
  });

  it('prints [] for no rows', () => {
    expect(JSON.parse(formatJson({ columns: [col('a')], rows: [] }))).toEqual([]);
  });
});

describe('Function: formatCsv', () => {
  it('quotes, escapes and neutralises text but leaves numbers as numbers', () => {
    expect(formatCsv(result)).toBe(
      [
        'type,n,day,note',
        'message.sent,12,2026-11-25,"a, ""quoted""\nline"',
        "'=SUM(A1),-3,,'@cmd",
        "'+1 415,4611686018427387904,,",
        '',
      ].join('\n'),
    );
  });

  it.each(['=1+1', '+1', '-1', '@SUM(1)', '\tx', '\rx'])('neutralises a cell starting %j', (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
  });

  it.each(['sms', 'a=b', '1-2', "'quoted"])('leaves %j alone', (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
  ])('writes the field %j as %j', (text, field) => {
    expect(csvField(text)).toBe(field);
  });
});

describe('Function: formatTable', () => {
  it('aligns the columns, right-aligns numbers and counts the rows', () => {
    expect(formatTable(result)).toBe(
      [
        'type         | n                   | day        | note',
        '-------------+---------------------+------------+------------------',
        'message.sent |                  12 | 2026-11-25 | a, "quoted"\\nline',
        '=SUM(A1)     |                  -3 | NULL       | @cmd',
        '+1 415       | 4611686018427387904 | NULL       | NULL',
        '(3 rows)',
        '',
      ].join('\n'),
    );
  });
});
