-- attribution_credits: one row per outcome x eligible touch x model with a positive weight.
-- Follows the CTEs of attribution_base.sql; columns in the registry's order, then dt (the
-- outcome's UTC day) last, as Athena's UNLOAD ... partitioned_by wants it.
SELECT
  a.outcome_id,
  a.outcome_type,
  a.outcome_at,
  a.touch_event_id,
  a.touch_at,
  a.touch_kind,
  a.channel,
  a.program_id,
  a.kind,
  a.campaign_id,
  a.workflow_id,
  CAST(a.step AS INTEGER) AS step,
  a.model,
  CAST(a.num AS DOUBLE) / CAST(a.den AS DOUBLE) AS credit,
  CASE
    WHEN a.amount_minor IS NULL THEN NULL
    WHEN a.amount_minor < 0 THEN -(a.quotient + CASE WHEN a.remainder_rank <= a.leftover THEN 1 ELSE 0 END)
    ELSE a.quotient + CASE WHEN a.remainder_rank <= a.leftover THEN 1 ELSE 0 END
  END AS credited_amount_minor,
  CASE WHEN a.amount_minor IS NULL THEN NULL ELSE a.currency END AS currency,
  '{{rules_version}}' AS rules_version,
  CAST(CAST(a.outcome_at AS DATE) AS VARCHAR) AS dt
FROM allocated AS a
