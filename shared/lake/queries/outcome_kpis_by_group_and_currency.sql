-- name: Pipeline and revenue influenced by group
-- description: Per group and currency over every outcome day in the lake, from outcome_kpis: opportunities created and their amount (pipeline), deals won and their amount (revenue), all and influenced (an eligible SMS or email touch in the outcome's window), in minor units of the currency (never converted), with the influenced share of each amount. group_by as in "Outcome KPIs by group"; touch groups (program, kind, workflow, step) overlap, the others partition the outcomes. Add AND dt BETWEEN '2026-01-01' AND '2026-03-31' to the WHERE for a quarter. One row per rules version.
SELECT
  rules_version,
  group_by,
  group_key,
  currency,
  SUM(opportunities_created) AS opportunities_created,
  SUM(opportunities_created_influenced) AS opportunities_created_influenced,
  SUM(pipeline_minor) AS pipeline_minor,
  SUM(pipeline_influenced_minor) AS pipeline_influenced_minor,
  ROUND(CAST(SUM(pipeline_influenced_minor) AS DOUBLE) / NULLIF(SUM(pipeline_minor), 0), 4) AS pipeline_influenced_share,
  SUM(deals_won) AS deals_won,
  SUM(deals_won_influenced) AS deals_won_influenced,
  SUM(revenue_minor) AS revenue_minor,
  SUM(revenue_influenced_minor) AS revenue_influenced_minor,
  ROUND(CAST(SUM(revenue_influenced_minor) AS DOUBLE) / NULLIF(SUM(revenue_minor), 0), 4) AS revenue_influenced_share
FROM outcome_kpis
WHERE kind = 'amounts'
GROUP BY rules_version, group_by, group_key, currency
ORDER BY rules_version, group_by, group_key, currency
