-- name: Outcome KPIs day by day
-- description: One row per outcome day and group from outcome_kpis: meetings booked and attended, stage changes and forward moves, and time from a touch to its next step (the first stage change or meeting it is eligible for): how many touches reached one that day, median and 75th percentile in hours. Percentiles are exact per day and cannot be summed over days; read the days side by side. Add AND group_by = 'program' (or kind, workflow, step, channel_mix, account_tier, stage, all) to the WHERE for one dimension.
SELECT
  dt,
  group_by,
  group_key,
  meetings_booked,
  meetings_attended,
  stage_changes,
  forward_moves,
  next_step_touches,
  ROUND(next_step_median_hours, 2) AS next_step_median_hours,
  ROUND(next_step_p75_hours, 2) AS next_step_p75_hours,
  rules_version
FROM outcome_kpis
WHERE kind = 'outcomes'
ORDER BY dt, group_by, group_key
