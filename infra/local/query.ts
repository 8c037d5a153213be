// npm run query -- "<SQL>" [--json | --csv]      npm run query -- --file q.sql [--json | --csv]
// npm run query                                    (lists the tables and their columns)
// DuckDB in memory over the local lake (<DATA_DIR>/lake-bucket, or LAKE_DIR), one view per lake
// table named like its Glue table. It only reads files, so it works the same whether or not
// `npm start` is running. --json prints only a JSON array of row objects; --csv is RFC 4180
// with formula-like text prefixed by ' (see queryFormat.ts). Bad SQL: message on stderr, exit 1.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { localLakeRoot } from '../../shared/lake/localObjectStore.js';
import { LAKE_TABLES } from '../../shared/lake/tables/index.js';
import { catalogResult, describeLake, openLocalLake } from './lakeQuery.js';
import { formatCsv, formatJson, formatTable } from './queryFormat.js';

const USAGE = 'usage: npm run query -- ["<SQL>" | --file q.sql] [--json | --csv]';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function readArgs() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        csv: { type: 'boolean', default: false },
        file: { type: 'string', short: 'f' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
}

/** The SQL to run: the positionals, or the file (relative to where `npm run` was typed). */
function readSql(file: string | undefined, positionals: string[]): string {
  if (!file) return positionals.join(' ').trim();
  if (positionals.length > 0) fail(`give SQL or --file, not both\n${USAGE}`, 2);
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  try {
    const sql = readFileSync(path, 'utf8').trim();
    return sql === '' ? fail(`${path} holds no SQL`, 2) : sql;
  } catch (error) {
    return fail(`cannot read ${path}: ${(error as Error).message}`, 2);
  }
}

const { values, positionals } = readArgs();
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (values.json && values.csv) fail(`--json and --csv exclude each other\n${USAGE}`, 2);
const sql = readSql(values.file, positionals);

// `npm run query ... | head` closes stdout early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

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
