import type { SqlModuleSpec } from './sqlModule.js';

/** Every job's SQL folder whose text travels in its bundle (see sqlModule.ts). */
export const SQL_MODULES: readonly SqlModuleSpec[] = [
  {
    folder: new URL('../attribution/sql/', import.meta.url),
    file: 'attributionSqlText.ts',
    constName: 'ATTRIBUTION_SQL_TEXT',
    test: 'test/unit/attributionJob/sqlModule.test.ts',
  },
  {
    folder: new URL('../scorecards/sql/', import.meta.url),
    file: 'scorecardsSqlText.ts',
    constName: 'SCORECARDS_SQL_TEXT',
    test: 'test/unit/scorecards/sqlModule.test.ts',
  },
];
