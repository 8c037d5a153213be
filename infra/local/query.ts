// npm run query -- "<SQL>" [--json | --csv]      npm run query -- --file q.sql [--json | --csv]
// npm run query                                    (lists the tables and their columns)
// DuckDB in memory over the local lake, one view per lake table named like its Glue table.
// It only reads files, so it works the same whether or not `npm start` is running.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { localLakeRoot } from '../../shared/lake/localObjectStore.js';
import { LAKE_TABLES } from '../../shared/lake/tables/index.js';
import { catalogResult, describeLake, openLocalLake } from './lakeQuery.js';
import { formatCsv, formatJson, formatTable } from './queryFormat.js';

const usage = 'usage: npm run query -- ["<SQL>" | --file q.sql] [--json | --csv]';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      csv: { type: 'boolean', default: false },
      file: { type: 'string', short: 'f' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}
try {
  args = parse();
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`, 2);
}
const { values, positionals } = args;
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
if (values.json && values.csv) fail(`--json and --csv exclude each other\n${usage}`, 2);
if (values.file && positionals.length > 0) fail(`give SQL or --file, not both\n${usage}`, 2);

let sql = positionals.join(' ').trim();
if (values.file) {
  try {
    sql = readFileSync(values.file, 'utf8');
  } catch (error) {
    fail(`cannot read ${values.file}: ${(error as Error).message}`, 2);
  }
}

const lake = await openLocalLake(localLakeRoot(), LAKE_TABLES);
try {
  const format = values.json ? formatJson : values.csv ? formatCsv : formatTable;
  if (sql === '') {
    process.stdout.write(values.json || values.csv ? format(catalogResult(lake)) : describeLake(lake));
  } else {
    process.stdout.write(format(await lake.query(sql)));
  }
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  lake.close();
}
