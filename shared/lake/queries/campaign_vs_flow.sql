-- name: Campaign vs flow
-- description: SMS results per program, kind (campaign or flow) and campaign or workflow: messages sent (allowed by the send gate and accepted by the vendor), delivered, unique people who clicked (bot and link-preview clicks excluded), replies (every inbound text, STOP included) and SMS opt-outs. Delivery and clicks are matched to the send by message id. A reply or an opt-out is credited to the last message sent to that number in the 7 days before it (last touch), so each counts once. The bot flag of a click is read from its attributes text ("bot":false, as the export writes compact JSON) rather than with a JSON function, because Athena and DuckDB name those differently.
WITH sends AS (
  SELECT event_id, decided_at, program_id, kind, campaign_id, workflow_id, message_id, phone_hash
  FROM send_decisions
  WHERE decision = 'allow' AND message_id IS NOT NULL AND channel = 'sms' AND kind IS NOT NULL
),
delivered AS (
  SELECT DISTINCT message_id FROM events WHERE type = 'message.delivered'
),
clicked AS (
  SELECT DISTINCT message_id
  FROM events
  WHERE type = 'message.clicked' AND attributes LIKE '%"bot":false%'
),
answers AS (
  SELECT 'reply' AS answer, event_id, phone_hash, occurred_at
  FROM events
  WHERE type = 'message.received' AND phone_hash IS NOT NULL
  UNION ALL
  SELECT 'opt_out', event_id, address_hash, occurred_at
  FROM consent_ledger
  WHERE status = 'opted_out' AND channel = 'sms'
),
credited AS (
  SELECT
    a.answer,
    s.event_id AS send_id,
    ROW_NUMBER() OVER (PARTITION BY a.answer, a.event_id ORDER BY s.decided_at DESC, s.event_id DESC) AS recency
  FROM answers a
  JOIN sends s
    ON s.phone_hash = a.phone_hash
    AND s.decided_at <= a.occurred_at
    AND s.decided_at > a.occurred_at - INTERVAL '7' DAY
),
answered AS (
  SELECT
    send_id,
    COUNT(CASE WHEN answer = 'reply' THEN 1 END) AS replies,
    COUNT(CASE WHEN answer = 'opt_out' THEN 1 END) AS opt_outs
  FROM credited
  WHERE recency = 1
  GROUP BY send_id
)
SELECT
  s.program_id,
  s.kind,
  s.campaign_id,
  s.workflow_id,
  COUNT(*) AS sends,
  COUNT(d.message_id) AS delivered,
  COUNT(DISTINCT CASE WHEN c.message_id IS NOT NULL THEN s.phone_hash END) AS unique_clickers,
  COALESCE(SUM(a.replies), 0) AS replies,
  COALESCE(SUM(a.opt_outs), 0) AS opt_outs
FROM sends s
LEFT JOIN delivered d ON d.message_id = s.message_id
LEFT JOIN clicked c ON c.message_id = s.message_id
LEFT JOIN answered a ON a.send_id = s.event_id
GROUP BY 1, 2, 3, 4
ORDER BY 1 NULLS LAST, 2, 3 NULLS LAST, 4 NULLS LAST
