-- name: Scorecard by category
-- description: The latest day's scorecard for every campaign and flow, compared only within its kind (campaign or flow) and category, best first by net attributed profit per recipient (rank_in_category, made by the scorecards job), for every period (day, 7d, 28d, 90d, to_date). Money in minor units of currency. roi_attributed is attributed, not incremental: (attributed profit - program cost) / program cost; the holdout lift says what messaging caused. Definitions: definitions_version.
SELECT
  s.dt,
  s.period,
  s.kind,
  s.category,
  s.rank_in_category,
  s.key AS campaign_or_workflow,
  s.eligible,
  s.sends,
  s.recipients,
  s.delivery_rate,
  s.ctr,
  s.reply_rate,
  s.opt_out_rate,
  s.conversions,
  s.conversion_rate,
  s.revenue_per_recipient_minor,
  s.profit_minor,
  s.cost_minor,
  s.cost_per_outcome_minor,
  s.pipeline_influenced_minor,
  s.roi_attributed AS roi_attributed_not_incremental,
  s.currency,
  s.definitions_version
FROM scorecards s
WHERE s.level IN ('campaign', 'flow')
  AND s.dt = (SELECT MAX(dt) FROM scorecards)
ORDER BY
  CASE s.period WHEN 'day' THEN 1 WHEN '7d' THEN 2 WHEN '28d' THEN 3 WHEN '90d' THEN 4 ELSE 5 END,
  s.kind,
  s.category NULLS LAST,
  s.rank_in_category
