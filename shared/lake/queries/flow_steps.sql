-- name: Flow performance step by step
-- description: Per workflow and step (0-based) of SMS flows: messages sent (allowed by the send gate and accepted by the vendor), delivered, messages with a human click (bot and link-preview clicks excluded), and replies, with delivered and clicked as shares of sends, to see where a flow loses people. Delivery and clicks are matched to the send by message id; a reply is credited to the last message sent to that number in the 7 days before it. The bot flag is read from the click's attributes text ("bot":false, compact JSON) because Athena and DuckDB name their JSON functions differently.
WITH sends AS (
  SELECT event_id, decided_at, workflow_id, step, message_id, phone_hash
  FROM send_decisions
  WHERE decision = 'allow' AND message_id IS NOT NULL AND channel = 'sms' AND kind = 'flow'
),
delivered AS (
  SELECT DISTINCT message_id FROM events WHERE type = 'message.delivered'
),
clicked AS (
  SELECT DISTINCT message_id
  FROM events
  WHERE type = 'message.clicked' AND attributes LIKE '%"bot":false%'
),
credited AS (
  SELECT
    s.event_id AS send_id,
    ROW_NUMBER() OVER (PARTITION BY r.event_id ORDER BY s.decided_at DESC, s.event_id DESC) AS recency
  FROM events r
  JOIN sends s
    ON s.phone_hash = r.phone_hash
    AND s.decided_at <= r.occurred_at
    AND s.decided_at > r.occurred_at - INTERVAL '7' DAY
  WHERE r.type = 'message.received'
),
replied AS (
  SELECT send_id, COUNT(*) AS replies FROM credited WHERE recency = 1 GROUP BY send_id
)
SELECT
  s.workflow_id,
  s.step,
  COUNT(*) AS sends,
  COUNT(d.message_id) AS delivered,
  COUNT(c.message_id) AS clicked,
  COALESCE(SUM(r.replies), 0) AS replies,
  ROUND(CAST(COUNT(d.message_id) AS DOUBLE) / COUNT(*), 4) AS delivered_share,
  ROUND(CAST(COUNT(c.message_id) AS DOUBLE) / COUNT(*), 4) AS clicked_share
FROM sends s
LEFT JOIN delivered d ON d.message_id = s.message_id
LEFT JOIN clicked c ON c.message_id = s.message_id
LEFT JOIN replied r ON r.send_id = s.event_id
GROUP BY 1, 2
ORDER BY 1 NULLS LAST, 2 NULLS LAST
