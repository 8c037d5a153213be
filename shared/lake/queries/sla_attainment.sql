-- name: Intent alert SLA attainment
-- description: Per day the alert was raised (UTC), priority and owner: alerts raised, alerts claimed, alerts claimed within their SLA, attainment (claimed within SLA as a percentage of all alerts raised, so an alert nobody claimed counts against it), average seconds to claim, and alerts escalated to the manager channel. A snooze or dismissal is an answer but not a claim. The response time is an average, not a median: Athena's approx_percentile and DuckDB's quantile functions differ, and this file must give the same numbers on both. Alerts routed to a program channel have no owner (owner_id null, listed last).
WITH raised AS (
  SELECT alert_id, occurred_at, priority, owner_id
  FROM intent_alerts
  WHERE event_type = 'intent.detected'
),
claims AS (
  SELECT
    alert_id,
    MIN(response_seconds) AS response_seconds,
    MAX(CASE WHEN within_sla THEN 1 ELSE 0 END) AS within_sla
  FROM intent_alerts
  WHERE event_type = 'alert.claimed'
  GROUP BY alert_id
),
escalations AS (
  SELECT DISTINCT alert_id
  FROM intent_alerts
  WHERE event_type = 'alert.escalated'
)
SELECT
  CAST(r.occurred_at AS DATE) AS alert_day,
  r.priority,
  r.owner_id,
  COUNT(*) AS alerts,
  COUNT(c.alert_id) AS claimed,
  COUNT(CASE WHEN c.within_sla = 1 THEN 1 END) AS claimed_within_sla,
  ROUND(100 * CAST(COUNT(CASE WHEN c.within_sla = 1 THEN 1 END) AS DOUBLE) / COUNT(*), 1) AS attainment_pct,
  ROUND(AVG(c.response_seconds), 1) AS avg_response_seconds,
  COUNT(e.alert_id) AS escalated
FROM raised r
LEFT JOIN claims c ON c.alert_id = r.alert_id
LEFT JOIN escalations e ON e.alert_id = r.alert_id
GROUP BY 1, 2, 3
ORDER BY 1, CASE r.priority WHEN 'hot' THEN 1 WHEN 'warm' THEN 2 ELSE 3 END, 3 NULLS LAST
