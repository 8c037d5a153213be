import { describe, expect, it } from 'vitest';
import { unloadSql } from '../../../shared/attribution/job/athenaEngine.js';
import { planAttribution } from '../../../shared/attribution/job/plan.js';
import { DEFAULT_ATTRIBUTION_RULES } from '../../../shared/attribution/rules.js';
import {
  attributionQueries,
  attributionSqlParams,
  bindSql,
} from '../../../shared/attribution/sql/attributionSql.js';

const plan = planAttribution(DEFAULT_ATTRIBUTION_RULES, { from: '2026-11-24', to: '2026-11-25' }, new Date());

describe('Function: attributionQueries', () => {
  it('binds every placeholder of both queries', () => {
    const { credits, outcomes } = attributionQueries(plan);

    for (const sql of [credits, outcomes]) {
      expect(sql.startsWith('WITH\n')).toBe(true);
      expect(sql).not.toMatch(/\{\{\w+\}\}/);
      expect(sql).toContain("WHERE dt <= '2026-11-28'");
      expect(sql).toContain("'rules-2026.1' AS rules_version");
      // dt is the last column: UNLOAD … partitioned_by takes the trailing columns.
      expect(sql).toMatch(
        / AS rules_version,\n {2}CAST\(CAST\([a-z]\.[a-z_]+ AS DATE\) AS VARCHAR\) AS dt\nFROM /,
      );
    }
    expect(credits).toContain(
      "('order', CAST(86400000 AS BIGINT), CAST(604800000 AS BIGINT), CAST(604800000 AS BIGINT))",
    );
    expect(credits).toContain(
      "('first_touch', 1), ('last_touch', 2), ('linear', 3), ('time_decay', 4), ('position_based', 5), ('w_shaped', 6)",
    );
  });

  it('puts the rules in as literals', () => {
    const params = attributionSqlParams({
      ...plan,
      rules: {
        ...DEFAULT_ATTRIBUTION_RULES,
        timeDecay: { halfLifeDays: 1.5 },
        dedupe: { firstClickPerMessage: false, campaignGapHours: 0 },
      },
    });

    expect(params).toMatchObject({
      half_life_ms: 'CAST(129600000 AS BIGINT)',
      campaign_gap_ms: 'CAST(0 AS BIGINT)',
      first_click_per_message: 'FALSE',
      time_decay_scale: '16777216',
      from_ms: `CAST(${Date.parse('2026-11-24T00:00:00Z')} AS BIGINT)`,
    });
  });
});

describe('Function: bindSql', () => {
  it('refuses a placeholder it has no value for', () => {
    expect(() => bindSql('SELECT {{known}}, {{missing}}', { known: '1' })).toThrow(
      'SQL placeholder {{missing}} has no value',
    );
  });
});

describe('Function: unloadSql', () => {
  it('unloads to a Parquet folder partitioned by dt', () => {
    expect(unloadSql('SELECT 1 AS dt', 's3://lake-bucket/lake/_staging/x/')).toBe(
      "UNLOAD (\nSELECT 1 AS dt\n) TO 's3://lake-bucket/lake/_staging/x/' WITH (format = 'PARQUET', compression = 'SNAPPY', partitioned_by = ARRAY['dt'])",
    );
  });

  it.each(['s3://bucket/no-slash', "s3://bucket/it's/", '/local/path/'])(
    'refuses the target %s',
    (target) => {
      expect(() => unloadSql('SELECT 1', target)).toThrow('must be an s3:// folder');
    },
  );
});
