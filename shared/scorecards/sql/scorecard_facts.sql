-- Step 1 of the scorecards' SQL twin: every message of the lake with its facts, as
-- shared/scorecards/facts.ts works them out from the records shared/scorecards/job/lakeInputs.ts
-- reads (see both for the why of each rule). These are CTEs: scorecard_groups.sql and
-- scorecards.sql follow them in one WITH. Same dialect as the attribution twin (Trino text,
-- DuckDB after DUCKDB_DIALECT): fractional division casts to DOUBLE first, times compare as
-- epoch milliseconds, JS Math.round(x) is floor(x + 0.5). Names in double braces come from
-- scorecardsSql.ts.
decision_rows AS (
  SELECT event_id, decided_at, decision, reason, phone_hash, contact_id, program_id,
    CASE WHEN kind IN ('campaign', 'flow') THEN kind END AS kind, campaign_id, workflow_id, step, variant,
    channel, message_id, segments, price_micros, currency, dt,
    row_number() OVER (PARTITION BY event_id ORDER BY dt) AS copy
  FROM send_decisions
  WHERE dt <= '{{scan_to_dt}}' AND decision IN ('allow', 'suppress')
),
history AS (
  SELECT event_id, type, occurred_at, phone_hash, email_hash, contact_id, account_id, program_id,
    CASE WHEN kind IN ('campaign', 'flow') THEN kind END AS kind, campaign_id, workflow_id, step, variant,
    message_id, attributes, dt,
    date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', occurred_at) AS at_ms
  FROM events
  WHERE dt <= '{{scan_to_dt}}' AND type IN ('email.sent', 'message.delivered', 'email.delivered',
    'message.clicked', 'email.clicked', 'message.received', 'order.placed', 'crm.contact.upserted',
    'crm.account.upserted', 'opportunity.created', 'opportunity.stage_changed', 'opportunity.closed')
),
-- A repeated event id counts once (its first copy); so does a repeated (channel, message id).
events_once AS (
  SELECT * FROM (SELECT h.*, row_number() OVER (PARTITION BY event_id ORDER BY dt) AS copy FROM history AS h) AS e
  WHERE copy = 1
),
first_day AS (
  SELECT min(dt) AS day FROM (
    SELECT dt FROM send_decisions WHERE dt <= '{{scan_to_dt}}'
    UNION ALL SELECT dt FROM events WHERE dt <= '{{scan_to_dt}}'
  ) AS d
),
send_candidates AS (
  SELECT event_id, message_id, decided_at AS sent_at,
    CASE WHEN channel = 'email' THEN 'email' ELSE 'sms' END AS channel,
    coalesce(phone_hash, contact_id) AS address, contact_id, segments, price_micros, currency AS price_currency,
    program_id, kind, campaign_id, workflow_id, step, variant, 1 AS source_order, dt
  FROM decision_rows
  WHERE copy = 1 AND decision = 'allow' AND reason IS NULL AND message_id IS NOT NULL
    AND coalesce(phone_hash, contact_id) IS NOT NULL
  UNION ALL
  SELECT event_id, message_id, occurred_at, 'email', coalesce(email_hash, contact_id), contact_id,
    CAST(NULL AS INTEGER), CAST(NULL AS BIGINT), CAST(NULL AS VARCHAR),
    program_id, kind, campaign_id, workflow_id, step, variant, 2, dt
  FROM events_once
  WHERE type = 'email.sent' AND message_id IS NOT NULL AND coalesce(email_hash, contact_id) IS NOT NULL
),
sends AS (
  SELECT * FROM (
    SELECT c.*, row_number() OVER (PARTITION BY channel, message_id ORDER BY source_order, dt) AS copy_of_message
    FROM (
      SELECT s.*, date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', sent_at) AS at_ms,
        CAST(CAST(sent_at AS DATE) AS VARCHAR) AS day,
        CASE kind WHEN 'campaign' THEN campaign_id WHEN 'flow' THEN workflow_id END AS touch_id,
        row_number() OVER (PARTITION BY event_id ORDER BY source_order, dt) AS copy
      FROM send_candidates AS s
    ) AS c WHERE copy = 1
  ) AS s WHERE copy_of_message = 1
),
-- A delivery, click or credit names its message by id; of two sends with one id (an SMS and an
-- email), the later one in send order owns it, as the TypeScript index does.
send_by_message AS (
  SELECT message_id, event_id AS send_id FROM (
    SELECT message_id, event_id,
      row_number() OVER (PARTITION BY message_id ORDER BY at_ms DESC, event_id DESC) AS recency
    FROM sends
  ) AS s WHERE recency = 1
),
delivery_touches AS (
  SELECT d.event_id AS touch_event_id, m.send_id, d.at_ms
  FROM events_once AS d JOIN send_by_message AS m ON m.message_id = d.message_id
  WHERE d.type IN ('message.delivered', 'email.delivered')
),
-- Human clicks only; the destination is scheme://host/path, query and fragment dropped.
click_touches AS (
  SELECT touch_event_id, send_id, at_ms,
    CASE WHEN regexp_like(url, '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]+') THEN
      lower(regexp_extract(url, '^([A-Za-z][A-Za-z0-9+.-]*:)//([^/?#]*)([^?#]*)', 1)) || '//' ||
      lower(regexp_extract(url, '^([A-Za-z][A-Za-z0-9+.-]*:)//([^/?#]*)([^?#]*)', 2)) ||
      CASE WHEN regexp_extract(url, '^([A-Za-z][A-Za-z0-9+.-]*:)//([^/?#]*)([^?#]*)', 3) = '' THEN '/'
        ELSE regexp_extract(url, '^([A-Za-z][A-Za-z0-9+.-]*:)//([^/?#]*)([^?#]*)', 3) END
    END AS destination
  FROM (
    SELECT c.event_id AS touch_event_id, m.send_id, c.at_ms, json_extract_scalar(c.attributes, '$.destination') AS url
    FROM events_once AS c
    JOIN send_by_message AS m ON m.message_id = c.message_id
    WHERE c.type IN ('message.clicked', 'email.clicked')
      AND coalesce(json_extract_scalar(c.attributes, '$.bot'), 'false') <> 'true'
  ) AS c
),
replies AS (
  SELECT event_id, at_ms, 'sms' AS channel,
    coalesce(phone_hash, json_extract_scalar(attributes, '$.fromHash')) AS address
  FROM events_once
  WHERE type = 'message.received' AND coalesce(phone_hash, json_extract_scalar(attributes, '$.fromHash')) IS NOT NULL
),
opt_outs AS (
  SELECT event_id, at_ms, channel, address FROM (
    SELECT event_id, date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', occurred_at) AS at_ms,
      CASE WHEN channel = 'email' THEN 'email' ELSE 'sms' END AS channel, address_hash AS address,
      row_number() OVER (PARTITION BY event_id ORDER BY dt) AS copy
    FROM consent_ledger
    WHERE dt <= '{{scan_to_dt}}' AND status = 'opted_out'
  ) AS o WHERE copy = 1
),
-- A reply or opt-out belongs to the latest send to its channel and address at or before it,
-- if that send is less than the reply window before it (latest: time, then event id).
address_sends AS (
  SELECT channel, address, at_ms, max(event_id) AS send_id FROM sends GROUP BY channel, address, at_ms
),
address_items AS (
  SELECT item, event_id, at_ms, channel, address, max(send_at) OVER (
      PARTITION BY channel, address ORDER BY at_ms, item_order ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) AS owner_at
  FROM (
    SELECT 'send' AS item, 0 AS item_order, CAST(NULL AS VARCHAR) AS event_id, at_ms, channel, address, at_ms AS send_at
    FROM address_sends
    UNION ALL SELECT 'reply', 1, event_id, at_ms, channel, address, CAST(NULL AS BIGINT) FROM replies
    UNION ALL SELECT 'opt_out', 1, event_id, at_ms, channel, address, CAST(NULL AS BIGINT) FROM opt_outs
  ) AS t
),
owned AS (
  SELECT i.item, i.event_id, i.at_ms, s.send_id
  FROM address_items AS i
  JOIN address_sends AS s ON s.channel = i.channel AND s.address = i.address AND s.at_ms = i.owner_at
  WHERE i.item <> 'send' AND i.owner_at > i.at_ms - {{reply_window_ms}}
),
reply_alerts AS (
  SELECT source_event_id, max(alert_id) AS alert_id, bool_or(intent = 'complaint') AS complaint
  FROM intent_alerts
  WHERE dt <= '{{scan_to_dt}}' AND event_type = 'intent.detected' AND signal = 'reply' AND source_event_id IS NOT NULL
  GROUP BY source_event_id
),
resolutions AS (
  SELECT alert_id, min(date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', occurred_at)) AS resolved_ms
  FROM intent_alerts
  WHERE dt <= '{{scan_to_dt}}' AND event_type IN ('alert.claimed', 'alert.dismissed')
  GROUP BY alert_id
),
reply_facts AS (
  SELECT o.send_id, o.event_id AS touch_event_id, o.at_ms, coalesce(a.complaint, FALSE) AS complaint,
    a.alert_id IS NOT NULL AS alerted, r.resolved_ms
  FROM owned AS o
  LEFT JOIN reply_alerts AS a ON a.source_event_id = o.event_id
  LEFT JOIN resolutions AS r ON r.alert_id = a.alert_id
  WHERE o.item = 'reply'
),
-- Outcomes in the scorecard currency: converted with the configured rates, else no amount.
rates AS (
  SELECT * FROM (VALUES {{rates}}) AS r (currency, unit_value, digits)
),
orders AS (
  SELECT event_id, TRY_CAST(json_extract_scalar(attributes, '$.marginMinor') AS DOUBLE) AS margin_minor,
    coalesce(TRY_CAST(json_extract_scalar(attributes, '$.discountMinor') AS DOUBLE), 0) AS discount_minor
  FROM events_once WHERE type = 'order.placed'
),
outcomes_once AS (
  SELECT o.outcome_id, o.outcome_type, o.amount_minor, o.currency,
    CASE
      WHEN o.amount_minor IS NULL OR o.currency IS NULL THEN NULL
      WHEN o.currency = '{{currency}}' THEN CAST(o.amount_minor AS DOUBLE)
      WHEN r.currency IS NULL THEN NULL
      ELSE sign(o.amount_minor) * floor(abs(CAST(o.amount_minor AS DOUBLE) / power(10, r.digits) * r.unit_value
        / {{target_unit_value}} * power(10, {{currency_digits}})) + 0.5)
    END AS amount,
    w.margin_minor, coalesce(w.discount_minor, 0) AS discount_minor
  FROM (
    SELECT p.*, row_number() OVER (PARTITION BY outcome_id ORDER BY dt) AS copy
    FROM pipeline_outcomes AS p WHERE dt <= '{{to_dt}}' AND influenced
  ) AS o
  LEFT JOIN rates AS r ON r.currency = o.currency
  LEFT JOIN orders AS w ON w.event_id = o.outcome_id
  WHERE o.copy = 1
),
outcomes AS (
  SELECT outcome_id, outcome_type, outcome_type IN ({{qualified}}) AS qualified, amount, is_revenue,
    CASE WHEN is_revenue AND amount IS NOT NULL
      THEN coalesce(margin_minor * factor, amount * {{default_margin_rate}}) - discount_minor * factor ELSE 0 END AS profit,
    CASE WHEN is_revenue AND amount IS NOT NULL THEN discount_minor * factor ELSE 0 END AS incentive
  FROM (
    SELECT o.*, outcome_type IN ('order', 'closed_won', 'renewal', 'expansion') AS is_revenue,
      CASE WHEN currency = '{{currency}}' OR amount IS NULL OR coalesce(amount_minor, 0) = 0 THEN 1
        ELSE amount / CAST(amount_minor AS DOUBLE) END AS factor
    FROM outcomes_once AS o
  ) AS o
),
-- Credits of the configured model on a touch of a scored message (its delivery, human click, reply).
credit_facts AS (
  SELECT t.send_id, c.outcome_id, c.outcome_ms, c.credit, t.destination
  FROM (
    SELECT outcome_id, touch_event_id, touch_kind, coalesce(credit, 0) AS credit,
      date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', outcome_at) AS outcome_ms,
      row_number() OVER (PARTITION BY outcome_id, touch_event_id ORDER BY dt) AS copy
    FROM attribution_credits WHERE dt <= '{{to_dt}}' AND model = '{{model}}'
  ) AS c
  JOIN outcomes AS o ON o.outcome_id = c.outcome_id
  JOIN (
    SELECT 'send' AS touch_kind, touch_event_id, send_id, CAST(NULL AS VARCHAR) AS destination FROM delivery_touches
    UNION ALL SELECT 'click', touch_event_id, send_id, destination FROM click_touches
    UNION ALL SELECT 'reply', touch_event_id, send_id, NULL FROM reply_facts
  ) AS t ON t.touch_kind = c.touch_kind AND t.touch_event_id = c.touch_event_id
  WHERE c.copy = 1
),
-- CRM profiles: time zone and account from the contact's upserts (latest that names one), tier
-- from the account's, stage from the latest deal event of the account, else of the contact.
contact_upserts AS (
  SELECT contact_id, account_id, json_extract_scalar(attributes, '$.timeZone') AS time_zone, at_ms, event_id
  FROM events_once WHERE type = 'crm.contact.upserted' AND contact_id IS NOT NULL
),
contact_zones AS (
  SELECT contact_id, time_zone FROM (
    SELECT contact_id, time_zone, row_number() OVER (PARTITION BY contact_id ORDER BY at_ms DESC, event_id DESC) AS recency
    FROM contact_upserts WHERE time_zone IS NOT NULL
  ) AS z WHERE recency = 1
),
contact_accounts AS (
  SELECT contact_id, account_id FROM (
    SELECT contact_id, account_id, row_number() OVER (PARTITION BY contact_id ORDER BY at_ms DESC, event_id DESC) AS recency
    FROM contact_upserts WHERE account_id IS NOT NULL
  ) AS a WHERE recency = 1
),
account_tiers AS (
  SELECT account_id, tier FROM (
    SELECT account_id, json_extract_scalar(attributes, '$.tier') AS tier,
      row_number() OVER (PARTITION BY account_id ORDER BY at_ms DESC, event_id DESC) AS recency
    FROM events_once
    WHERE type = 'crm.account.upserted' AND account_id IS NOT NULL AND json_extract_scalar(attributes, '$.tier') IS NOT NULL
  ) AS t WHERE recency = 1
),
owner_stages AS (
  SELECT owner, stage FROM (
    SELECT owner, stage, row_number() OVER (PARTITION BY owner ORDER BY at_ms DESC, event_id DESC) AS recency
    FROM (
      SELECT coalesce(account_id, contact_id) AS owner, at_ms, event_id,
        coalesce(json_extract_scalar(attributes, '$.toStage'), json_extract_scalar(attributes, '$.stage')) AS stage
      FROM events_once WHERE type IN ('opportunity.created', 'opportunity.stage_changed', 'opportunity.closed')
    ) AS s WHERE owner IS NOT NULL AND stage IS NOT NULL
  ) AS s WHERE recency = 1
),
profiles AS (
  SELECT c.contact_id, z.time_zone, t.tier, coalesce(sa.stage, sc.stage) AS stage
  FROM (SELECT DISTINCT contact_id FROM contact_upserts) AS c
  LEFT JOIN contact_zones AS z ON z.contact_id = c.contact_id
  LEFT JOIN contact_accounts AS a ON a.contact_id = c.contact_id
  LEFT JOIN account_tiers AS t ON t.account_id = a.account_id
  LEFT JOIN owner_stages AS sa ON sa.owner = a.account_id
  LEFT JOIN owner_stages AS sc ON sc.owner = c.contact_id
),
categories AS (
  SELECT * FROM (VALUES {{categories}}) AS c (program_id, program_order, kind, touch_id, category)
),
-- A campaign's or workflow's category: its own program's entry, else the first program that has the id.
touch_categories AS (
  SELECT kind, touch_id, program_id, category FROM (
    SELECT t.kind, t.touch_id, t.program_id, c.category,
      row_number() OVER (PARTITION BY t.kind, t.touch_id, t.program_id
        ORDER BY CASE WHEN c.program_id = t.program_id THEN 0 ELSE 1 END, c.program_order) AS choice
    FROM (
      SELECT DISTINCT kind, touch_id, program_id FROM sends WHERE kind IS NOT NULL AND touch_id IS NOT NULL
      UNION SELECT DISTINCT kind, CASE kind WHEN 'campaign' THEN campaign_id ELSE workflow_id END, program_id
      FROM decision_rows WHERE copy = 1 AND kind IS NOT NULL
    ) AS t
    JOIN categories AS c ON c.kind = t.kind AND c.touch_id = t.touch_id
  ) AS c WHERE choice = 1
),
tier_weights AS (
  SELECT * FROM (VALUES {{tier_weights}}) AS w (tier, weight)
),
stage_weights AS (
  SELECT * FROM (VALUES {{stage_weights}}) AS w (stage, weight)
),
labor AS (
  SELECT * FROM (VALUES {{labor}}) AS l (program_id, monthly_micros)
),
day_volumes AS (
  SELECT day, count(*) AS messages FROM sends GROUP BY day
),
program_day_volumes AS (
  SELECT day, program_id, count(*) AS messages FROM sends WHERE program_id IS NOT NULL GROUP BY day, program_id
),
-- The next step of a flow message: the first later send (send order) of the same workflow with
-- the following step to the same channel and address.
next_steps AS (
  SELECT m.event_id, min(n.at_ms) AS next_ms
  FROM sends AS m
  JOIN sends AS n ON n.channel = m.channel AND n.address = m.address AND n.kind = 'flow'
    AND n.workflow_id = m.workflow_id AND n.step = m.step + 1
    AND (n.at_ms > m.at_ms OR (n.at_ms = m.at_ms AND n.event_id > m.event_id))
  WHERE m.kind = 'flow' AND m.workflow_id IS NOT NULL AND m.step IS NOT NULL
  GROUP BY m.event_id
),
messages AS (
  SELECT s.event_id AS send_id, s.at_ms, s.day, s.channel, s.address, s.contact_id, s.program_id, s.kind,
    s.touch_id, s.step, s.variant,
    tc.category,
    CASE WHEN s.channel <> 'sms' THEN 0 WHEN s.segments > 0 THEN s.segments ELSE 1 END AS segments,
    CASE
      WHEN s.channel <> 'sms' THEN CAST(0 AS DOUBLE)
      WHEN s.price_micros IS NOT NULL AND s.price_currency = '{{currency}}' THEN CAST(abs(s.price_micros) AS DOUBLE)
      ELSE CAST((CASE WHEN s.segments > 0 THEN s.segments ELSE 1 END) * {{sms_segment_micros}} AS DOUBLE)
    END AS fee,
    CASE WHEN overhead THEN {{platform_monthly_micros}} / days_in_month / v.messages ELSE 0 END AS platform,
    CASE WHEN overhead THEN {{tooling_monthly_micros}} / days_in_month / v.messages ELSE 0 END AS tooling,
    CASE WHEN overhead AND l.monthly_micros IS NOT NULL THEN l.monthly_micros / days_in_month / pv.messages
      ELSE 0 END AS labor,
    d.delivered_ms, oo.opt_out_ms, ns.next_ms,
    p.tier,
    coalesce(tw.weight, 1) * coalesce(sw.weight, 1) AS weight,
    hour(at_timezone(with_timezone(s.sent_at, 'UTC'), coalesce(p.time_zone, 'UTC'))) AS local_hour,
    day_of_week(at_timezone(with_timezone(s.sent_at, 'UTC'), coalesce(p.time_zone, 'UTC'))) AS local_weekday,
    row_number() OVER (PARTITION BY s.channel, s.address ORDER BY s.at_ms, s.event_id)
      - count(*) OVER (PARTITION BY s.channel, s.address ORDER BY s.at_ms
          RANGE BETWEEN UNBOUNDED PRECEDING AND {{fatigue_ms}} PRECEDING) AS fatigue
  FROM (
    SELECT s.*, s.day >= f.day AND s.day <= '{{to_dt}}' AS overhead,
      CAST(day_of_month(last_day_of_month(CAST(s.day AS DATE))) AS DOUBLE) AS days_in_month
    FROM sends AS s CROSS JOIN first_day AS f
  ) AS s
  JOIN day_volumes AS v ON v.day = s.day
  LEFT JOIN program_day_volumes AS pv ON pv.day = s.day AND pv.program_id = s.program_id
  LEFT JOIN labor AS l ON l.program_id = s.program_id
  LEFT JOIN (SELECT send_id, min(at_ms) AS delivered_ms FROM delivery_touches GROUP BY send_id) AS d ON d.send_id = s.event_id
  LEFT JOIN (SELECT send_id, min(at_ms) AS opt_out_ms FROM owned WHERE item = 'opt_out' GROUP BY send_id) AS oo
    ON oo.send_id = s.event_id
  LEFT JOIN next_steps AS ns ON ns.event_id = s.event_id
  LEFT JOIN touch_categories AS tc ON tc.kind = s.kind AND tc.touch_id = s.touch_id
    AND tc.program_id IS NOT DISTINCT FROM s.program_id
  LEFT JOIN profiles AS p ON p.contact_id = s.contact_id
  LEFT JOIN tier_weights AS tw ON tw.tier = p.tier
  LEFT JOIN stage_weights AS sw ON sw.stage = p.stage
),
-- Gate decisions by identity: eligible volume of campaign and flow groups.
decisions AS (
  SELECT d.*, tc.category
  FROM (
    SELECT date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', decided_at) AS at_ms, decision, program_id, kind,
      CASE kind WHEN 'campaign' THEN campaign_id WHEN 'flow' THEN workflow_id END AS touch_id, step, variant
    FROM decision_rows WHERE copy = 1
  ) AS d
  LEFT JOIN touch_categories AS tc ON tc.kind = d.kind AND tc.touch_id = d.touch_id
    AND tc.program_id IS NOT DISTINCT FROM d.program_id
)
