-- pipeline_outcomes: one row per outcome of the run's days, influenced or not.
-- Follows the CTEs of attribution_base.sql; columns in the registry's order, then dt last.
SELECT
  o.outcome_id,
  o.outcome_type,
  o.event_type AS source_event_type,
  o.source,
  o.occurred_at,
  o.contact_id,
  o.account_id,
  o.level,
  o.opportunity_id,
  o.from_stage,
  o.to_stage,
  o.amount_minor,
  o.currency,
  o.lead_at AS lead_created_at,
  o.created_at AS opportunity_created_at,
  coalesce(c.n, 0) > 0 AS influenced,
  CAST(coalesce(c.n, 0) AS INTEGER) AS eligible_touches,
  CASE WHEN o.created_ms IS NULL THEN NULL ELSE s.touch_event_id IS NOT NULL END AS sourced,
  s.touch_event_id AS sourcing_touch_event_id,
  '{{rules_version}}' AS rules_version,
  CAST(CAST(o.occurred_at AS DATE) AS VARCHAR) AS dt
FROM outcomes AS o
LEFT JOIN eligible_counts AS c ON c.outcome_id = o.outcome_id
LEFT JOIN sourcing AS s ON s.outcome_id = o.outcome_id
