-- name: Outcome KPIs by group
-- description: Meetings booked and attended (show rate = attended / booked), opportunities created, deals won, stage changes and forward moves (forward share; forward moves with a touch at most progression_days before them), all and influenced, per group over every outcome day in the lake, from outcome_kpis (written by the attribution job). group_by: all, program, kind (campaign vs flow), workflow, step (workflow:step), channel_mix (sms_only, email_only, both, none), account_tier, stage (stage reached). Touch groups (program, kind, workflow, step) count every outcome one of whose eligible touches is in the group, so their rows overlap; the other groups partition the outcomes. Add AND dt BETWEEN '2026-01-01' AND '2026-03-31' to the WHERE for a quarter. One row per rules version: numbers made under other rules are never summed together.
SELECT
  rules_version,
  group_by,
  group_key,
  SUM(outcomes) AS outcomes,
  SUM(influenced) AS influenced,
  SUM(meetings_booked) AS meetings_booked,
  SUM(meetings_booked_influenced) AS meetings_booked_influenced,
  SUM(meetings_attended) AS meetings_attended,
  SUM(meetings_attended_influenced) AS meetings_attended_influenced,
  ROUND(CAST(SUM(meetings_attended) AS DOUBLE) / NULLIF(SUM(meetings_booked), 0), 4) AS show_rate,
  SUM(opportunities_created) AS opportunities_created,
  SUM(opportunities_created_influenced) AS opportunities_created_influenced,
  SUM(deals_won) AS deals_won,
  SUM(deals_won_influenced) AS deals_won_influenced,
  SUM(stage_changes) AS stage_changes,
  SUM(forward_moves) AS forward_moves,
  SUM(forward_moves_after_touch) AS forward_moves_after_touch,
  ROUND(CAST(SUM(forward_moves) AS DOUBLE) / NULLIF(SUM(stage_changes), 0), 4) AS forward_share,
  SUM(next_step_touches) AS next_step_touches
FROM outcome_kpis
WHERE kind = 'outcomes'
GROUP BY rules_version, group_by, group_key
ORDER BY rules_version, group_by, group_key
