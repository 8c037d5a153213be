import {
  bundledScorecardsSql,
  SCORECARDS_SQL_FILES,
  SCORECARDS_SQL_READS,
} from '../../../shared/scorecards/sql/scorecardsSql.js';
import { SCORECARDS_SQL_TEXT } from '../../../shared/scorecards/sql/scorecardsSqlText.js';
import { SQL_MODULES } from '../../../shared/sql/sqlModules.js';
import { describeSqlModule } from '../../support/sqlModuleChecks.js';

describeSqlModule({
  spec: SQL_MODULES.find((spec) => spec.constName === 'SCORECARDS_SQL_TEXT')!,
  carried: SCORECARDS_SQL_TEXT,
  source: bundledScorecardsSql,
  files: SCORECARDS_SQL_FILES,
  reads: SCORECARDS_SQL_READS,
  fn: 'scorecards',
});
