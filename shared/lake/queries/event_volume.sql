-- name: Event volume by day, type and source
-- description: Canonical events per arrival day (dt), type and source, with the distinct contacts they are about: the first check that each vendor's webhooks and the send gate are flowing, and that a day's export is complete.
SELECT
  dt AS received_day,
  type,
  source,
  COUNT(*) AS events,
  COUNT(DISTINCT contact_id) AS contacts
FROM events
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
