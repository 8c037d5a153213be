-- name: Send decisions by reason
-- description: What the send gate decided per day (UTC, when the decision took effect) and program: sends allowed, holdout ghost exposures, and sends stopped by frequency caps, quiet hours (dropped or deferred), consent, collisions or invalid numbers, with the share of decisions suppressed for a reason other than the holdout. A deferred send that is released later is decided again, so it counts in both days.
SELECT
  CAST(decided_at AS DATE) AS decision_day,
  program_id,
  channel,
  COUNT(*) AS decisions,
  COUNT(CASE WHEN decision = 'allow' THEN 1 END) AS allowed,
  COUNT(CASE WHEN decision = 'allow' AND reason = 'vendor_rejected' THEN 1 END) AS vendor_rejected,
  COUNT(CASE WHEN decision = 'suppress' AND reason = 'holdout' THEN 1 END) AS holdout,
  COUNT(CASE WHEN decision = 'suppress' AND reason = 'cap' THEN 1 END) AS capped,
  COUNT(CASE WHEN decision = 'suppress' AND reason = 'quiet_hours' THEN 1 END) AS quiet_hours_dropped,
  COUNT(CASE WHEN decision = 'defer' THEN 1 END) AS quiet_hours_deferred,
  COUNT(CASE WHEN decision = 'suppress' AND reason = 'consent' THEN 1 END) AS no_consent,
  COUNT(CASE WHEN decision = 'suppress' AND reason = 'collision' THEN 1 END) AS collision,
  COUNT(CASE WHEN decision = 'suppress' AND reason = 'invalid_number' THEN 1 END) AS invalid_number,
  ROUND(
    CAST(COUNT(CASE WHEN decision = 'suppress' AND reason <> 'holdout' THEN 1 END) AS DOUBLE) / COUNT(*),
    4
  ) AS suppressed_share
FROM send_decisions
GROUP BY 1, 2, 3
ORDER BY 1, 2 NULLS LAST, 3
