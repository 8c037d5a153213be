import type { SCHEDULED_FUNCTIONS } from '../../../infra/routes.js';
import {
  ATTRIBUTION_SQL_FILES,
  ATTRIBUTION_SQL_READS,
  bundledSqlSource,
} from '../../../shared/attribution/sql/attributionSql.js';
import { ATTRIBUTION_SQL_TEXT } from '../../../shared/attribution/sql/attributionSqlText.js';
import { SQL_MODULES } from '../../../shared/sql/sqlModules.js';
import { describeSqlModule } from '../../support/sqlModuleChecks.js';

describeSqlModule({
  spec: SQL_MODULES.find((spec) => spec.constName === 'ATTRIBUTION_SQL_TEXT')!,
  carried: ATTRIBUTION_SQL_TEXT,
  source: bundledSqlSource,
  files: Object.values(ATTRIBUTION_SQL_FILES),
  reads: ATTRIBUTION_SQL_READS,
  fn: 'attribution' satisfies keyof typeof SCHEDULED_FUNCTIONS,
});
