// Generated from the .sql files beside it by `npx tsx shared/sql/writeSqlModules.ts`: do not
// edit. test/unit/scorecards/sqlModule.test.ts fails while it differs from them.
export const SCORECARDS_SQL_TEXT: Readonly<Record<string, string>> = {
  'scorecard_facts.sql': `-- Step 1 of the scorecards' SQL twin: every message of the lake with its facts, as
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
`,
  'scorecard_groups.sql': `-- Step 2: which groups each message of each period belongs to (shared/scorecards/aggregate.ts,
-- GroupIndex and scorePeriod), and what had followed each message by the end of each scored day.
-- Follows scorecard_facts.sql in the same WITH.
periods AS (
  SELECT * FROM (VALUES {{periods}}) AS p (dt, period, period_start, start_ms, end_ms)
),
day_ends AS (
  SELECT DISTINCT dt, end_ms FROM periods
),
period_messages AS (
  SELECT p.dt, p.period, p.end_ms, m.*
  FROM periods AS p JOIN messages AS m ON m.at_ms < p.end_ms AND (p.start_ms IS NULL OR m.at_ms >= p.start_ms)
),
-- Channel mix: the channels a contact got from one campaign or workflow within the period.
mixes AS (
  SELECT dt, period, kind, touch_id, coalesce(contact_id, address) AS person,
    CASE WHEN bool_or(channel = 'sms') AND bool_or(channel = 'email') THEN 'sms+email'
      WHEN bool_or(channel = 'sms') THEN 'sms' ELSE 'email' END AS mix
  FROM period_messages WHERE kind IS NOT NULL AND touch_id IS NOT NULL
  GROUP BY dt, period, kind, touch_id, coalesce(contact_id, address)
),
-- Link destinations: the distinct destinations of a message's human clicks by the end of dt.
clicked_destinations AS (
  SELECT DISTINCT e.dt, c.send_id, c.destination
  FROM day_ends AS e JOIN click_touches AS c ON c.at_ms < e.end_ms
  WHERE c.destination IS NOT NULL
),
memberships AS (
  SELECT dt, period, send_id, address, kind AS level, kind, touch_id AS key, CAST(NULL AS VARCHAR) AS parent_key,
    category, program_id, CAST(NULL AS VARCHAR) AS destination
  FROM period_messages WHERE kind IS NOT NULL AND touch_id IS NOT NULL
  UNION ALL
  SELECT dt, period, send_id, address, 'category', kind, coalesce(category, 'uncategorized'), NULL, category, NULL, NULL
  FROM period_messages WHERE kind IS NOT NULL AND touch_id IS NOT NULL
  UNION ALL
  SELECT dt, period, send_id, address, 'variant', kind, touch_id || ':' || coalesce(variant, '(none)'), touch_id,
    category, program_id, NULL
  FROM period_messages WHERE kind IS NOT NULL AND touch_id IS NOT NULL
  UNION ALL
  SELECT dt, period, send_id, address, 'step', kind, touch_id || '#' || CAST(step AS VARCHAR), touch_id, category,
    program_id, NULL
  FROM period_messages WHERE kind = 'flow' AND touch_id IS NOT NULL AND step IS NOT NULL
  UNION ALL
  SELECT dt, period, send_id, address, 'send_hour', kind, lpad(CAST(local_hour AS VARCHAR), 2, '0'), NULL, NULL, NULL, NULL
  FROM period_messages
  UNION ALL
  SELECT dt, period, send_id, address, 'weekday', kind,
    CASE local_weekday WHEN 1 THEN '1-Mon' WHEN 2 THEN '2-Tue' WHEN 3 THEN '3-Wed' WHEN 4 THEN '4-Thu'
      WHEN 5 THEN '5-Fri' WHEN 6 THEN '6-Sat' ELSE '7-Sun' END,
    NULL, NULL, NULL, NULL
  FROM period_messages
  UNION ALL
  SELECT dt, period, send_id, address, 'account_tier', kind, coalesce(tier, '(unknown)'), NULL, NULL, NULL, NULL
  FROM period_messages
  UNION ALL
  SELECT dt, period, send_id, address, 'fatigue', kind,
    CASE WHEN fatigue <= 5 THEN CAST(fatigue AS VARCHAR) WHEN fatigue <= 9 THEN '6-9' ELSE '10+' END,
    NULL, NULL, NULL, NULL
  FROM period_messages
  UNION ALL
  SELECT m.dt, m.period, m.send_id, m.address, 'channel_mix', m.kind, m.touch_id || ':' || x.mix, m.touch_id,
    m.category, m.program_id, NULL
  FROM period_messages AS m
  JOIN mixes AS x ON x.dt = m.dt AND x.period = m.period AND x.kind = m.kind AND x.touch_id = m.touch_id
    AND x.person = coalesce(m.contact_id, m.address)
  UNION ALL
  SELECT m.dt, m.period, m.send_id, m.address, 'link_destination', m.kind, c.destination, NULL, NULL, NULL, c.destination
  FROM period_messages AS m
  JOIN clicked_destinations AS c ON c.dt = m.dt AND c.send_id = m.send_id
),
-- What followed each message by the end of each scored day.
message_states AS (
  SELECT e.dt, m.send_id, m.segments, m.fee, m.platform, m.tooling, m.labor, m.weight,
    coalesce(m.delivered_ms < e.end_ms, FALSE) AS delivered,
    coalesce(m.opt_out_ms < e.end_ms, FALSE) AS opted_out,
    CASE WHEN m.next_ms < e.end_ms THEN CAST(m.next_ms - m.at_ms AS DOUBLE) / 3600000 END AS hours_to_next
  FROM day_ends AS e JOIN messages AS m ON m.at_ms < e.end_ms
),
reply_states AS (
  SELECT e.dt, r.send_id, count(*) AS replies,
    sum(CASE WHEN r.complaint THEN 1 ELSE 0 END) AS complaints,
    sum(CASE WHEN r.alerted THEN 1 ELSE 0 END) AS alerts,
    sum(CASE WHEN r.alerted AND r.resolved_ms < e.end_ms THEN 1 ELSE 0 END) AS resolutions
  FROM day_ends AS e JOIN reply_facts AS r ON r.at_ms < e.end_ms
  GROUP BY e.dt, r.send_id
),
click_states AS (
  SELECT DISTINCT e.dt, c.send_id, c.destination
  FROM day_ends AS e JOIN click_touches AS c ON c.at_ms < e.end_ms
),
credit_states AS (
  SELECT e.dt, c.send_id, c.outcome_id, c.credit, c.destination
  FROM day_ends AS e JOIN credit_facts AS c ON c.outcome_ms < e.end_ms
)
`,
  'scorecards.sql': `-- Step 3: one scorecards row per day, period, level and key (aggregate.ts, toRow and
-- rankWithinCategory); columns in the registry's order, then dt. Follows scorecard_facts.sql and
-- scorecard_groups.sql in the same WITH.
-- Per message and day: a human click, a qualified conversion; for link destinations, per destination.
send_flags AS (
  SELECT dt, send_id, destination, bool_or(clicked) AS clicked, bool_or(converted) AS converted FROM (
    SELECT dt, send_id, '' AS destination, TRUE AS clicked, FALSE AS converted FROM click_states
    UNION ALL
    SELECT dt, send_id, destination, TRUE, FALSE FROM click_states WHERE destination IS NOT NULL
    UNION ALL
    SELECT c.dt, c.send_id, '', FALSE, TRUE
    FROM credit_states AS c JOIN outcomes AS o ON o.outcome_id = c.outcome_id WHERE o.qualified
    UNION ALL
    SELECT c.dt, c.send_id, c.destination, FALSE, TRUE
    FROM credit_states AS c JOIN outcomes AS o ON o.outcome_id = c.outcome_id
    WHERE o.qualified AND c.destination IS NOT NULL
  ) AS f
  GROUP BY dt, send_id, destination
),
group_messages AS (
  SELECT g.*, s.segments, s.fee, s.platform, s.tooling, s.labor, s.weight, s.delivered, s.opted_out, s.hours_to_next,
    coalesce(r.replies, 0) AS replies, coalesce(r.complaints, 0) AS complaints, coalesce(r.alerts, 0) AS alerts,
    coalesce(r.resolutions, 0) AS resolutions,
    coalesce(f.clicked, FALSE) AS clicked, coalesce(f.converted, FALSE) AS converted
  FROM memberships AS g
  JOIN message_states AS s ON s.dt = g.dt AND s.send_id = g.send_id
  LEFT JOIN reply_states AS r ON r.dt = g.dt AND r.send_id = g.send_id
  LEFT JOIN send_flags AS f ON f.dt = g.dt AND f.send_id = g.send_id AND f.destination = coalesce(g.destination, '')
),
recipients AS (
  SELECT dt, period, level, kind, key, address, max(weight) AS weight, bool_or(clicked) AS clicked,
    bool_or(replies > 0) AS replied, bool_or(opted_out) AS opted_out, bool_or(converted) AS converted
  FROM group_messages GROUP BY dt, period, level, kind, key, address
),
people AS (
  SELECT dt, period, level, kind, key, count(*) AS recipients,
    sum(CASE WHEN clicked THEN 1 ELSE 0 END) AS clickers,
    sum(CASE WHEN replied THEN 1 ELSE 0 END) AS repliers,
    sum(CASE WHEN opted_out THEN 1 ELSE 0 END) AS opt_outs,
    sum(CASE WHEN converted THEN 1 ELSE 0 END) AS converters,
    sum(CASE WHEN replied AND converted THEN 1 ELSE 0 END) AS reply_conversions,
    sum(weight * ((CASE WHEN clicked THEN {{points_click}} ELSE 0 END) + (CASE WHEN replied THEN {{points_reply}} ELSE 0 END)
      + (CASE WHEN converted THEN {{points_conversion}} ELSE 0 END))) AS engagement
  FROM recipients GROUP BY dt, period, level, kind, key
),
volumes AS (
  SELECT dt, period, level, kind, key, min(parent_key) AS parent_key, min(category) AS category,
    min(program_id) AS program_id, count(*) AS sends, sum(segments) AS segments,
    sum(CASE WHEN delivered THEN 1 ELSE 0 END) AS delivered, sum(fee) AS fee, sum(platform) AS platform,
    sum(tooling) AS tooling, sum(labor) AS labor, sum(complaints) AS complaints, sum(alerts) AS alerts,
    sum(resolutions) AS resolutions
  FROM group_messages GROUP BY dt, period, level, kind, key
),
-- Median hours to the next step: the middle value, or the mean of the two middle ones.
next_step_hours AS (
  SELECT dt, period, level, kind, key, avg(hours) AS median_hours FROM (
    SELECT dt, period, level, kind, key, hours_to_next AS hours,
      row_number() OVER (PARTITION BY dt, period, level, kind, key ORDER BY hours_to_next) AS position,
      count(*) OVER (PARTITION BY dt, period, level, kind, key) AS n
    FROM group_messages WHERE hours_to_next IS NOT NULL
  ) AS h
  WHERE position IN ((n + 1) / 2, (n + 2) / 2)
  GROUP BY dt, period, level, kind, key
),
group_credits AS (
  SELECT g.dt, g.period, g.level, g.kind, g.key, c.outcome_id, c.credit
  FROM memberships AS g
  JOIN credit_states AS c ON c.dt = g.dt AND c.send_id = g.send_id
    AND (g.destination IS NULL OR c.destination = g.destination)
),
money AS (
  SELECT g.dt, g.period, g.level, g.kind, g.key,
    count(DISTINCT CASE WHEN o.qualified THEN o.outcome_id END) AS conversions,
    sum(CASE WHEN o.is_revenue AND o.amount IS NOT NULL THEN g.credit * o.amount ELSE 0 END) AS revenue,
    sum(CASE WHEN o.is_revenue AND o.amount IS NOT NULL THEN g.credit * o.profit ELSE 0 END) AS profit,
    sum(CASE WHEN o.is_revenue AND o.amount IS NOT NULL THEN g.credit * o.incentive ELSE 0 END) AS incentive
  FROM group_credits AS g JOIN outcomes AS o ON o.outcome_id = g.outcome_id
  GROUP BY g.dt, g.period, g.level, g.kind, g.key
),
influenced AS (
  SELECT dt, period, level, kind, key,
    sum(CASE WHEN outcome_type = 'opportunity_created' THEN coalesce(amount, 0) ELSE 0 END) AS pipeline,
    sum(CASE WHEN outcome_type IN ('closed_won', 'order') THEN coalesce(amount, 0) ELSE 0 END) AS won
  FROM (
    SELECT DISTINCT g.dt, g.period, g.level, g.kind, g.key, o.outcome_id, o.outcome_type, o.amount
    FROM group_credits AS g JOIN outcomes AS o ON o.outcome_id = g.outcome_id
  ) AS d
  GROUP BY dt, period, level, kind, key
),
eligible AS (
  SELECT p.dt, p.period, g.level, g.kind, g.key, min(g.parent_key) AS parent_key, min(g.category) AS category,
    min(g.program_id) AS program_id, count(*) AS eligible,
    sum(CASE WHEN g.decision = 'suppress' THEN 1 ELSE 0 END) AS suppressed
  FROM periods AS p
  JOIN (
    SELECT at_ms, decision, kind AS level, kind, touch_id AS key, CAST(NULL AS VARCHAR) AS parent_key, category, program_id
    FROM decisions WHERE kind IS NOT NULL AND touch_id IS NOT NULL
    UNION ALL
    SELECT at_ms, decision, 'category', kind, coalesce(category, 'uncategorized'), NULL, category, NULL
    FROM decisions WHERE kind IS NOT NULL AND touch_id IS NOT NULL
    UNION ALL
    SELECT at_ms, decision, 'variant', kind, touch_id || ':' || coalesce(variant, '(none)'), touch_id, category, program_id
    FROM decisions WHERE kind IS NOT NULL AND touch_id IS NOT NULL
    UNION ALL
    SELECT at_ms, decision, 'step', kind, touch_id || '#' || CAST(step AS VARCHAR), touch_id, category, program_id
    FROM decisions WHERE kind = 'flow' AND touch_id IS NOT NULL AND step IS NOT NULL
  ) AS g ON g.at_ms < p.end_ms AND (p.start_ms IS NULL OR g.at_ms >= p.start_ms)
  GROUP BY p.dt, p.period, g.level, g.kind, g.key
),
group_rows AS (
  SELECT k.dt, k.period, k.level, k.kind, k.key,
    coalesce(v.parent_key, e.parent_key) AS parent_key, coalesce(v.category, e.category) AS category,
    coalesce(v.program_id, e.program_id) AS program_id,
    e.eligible, e.suppressed,
    coalesce(v.sends, 0) AS sends, coalesce(pp.recipients, 0) AS recipients, coalesce(v.segments, 0) AS segments,
    coalesce(v.delivered, 0) AS delivered, coalesce(pp.clickers, 0) AS clickers, coalesce(pp.repliers, 0) AS repliers,
    coalesce(pp.opt_outs, 0) AS opt_outs, coalesce(v.complaints, 0) AS complaints,
    coalesce(m.conversions, 0) AS conversions, coalesce(pp.converters, 0) AS converters,
    floor(coalesce(m.revenue, 0) + 0.5) AS revenue, floor(coalesce(m.profit, 0) + 0.5) AS profit,
    floor(coalesce(m.incentive, 0) + 0.5) AS incentive,
    floor(coalesce(v.fee, 0) * {{minor_scale}} / 1000000 + 1e-9 + 0.5) AS fee,
    floor(coalesce(v.platform, 0) * {{minor_scale}} / 1000000 + 1e-9 + 0.5) AS platform,
    floor(coalesce(v.labor, 0) * {{minor_scale}} / 1000000 + 1e-9 + 0.5) AS labor,
    floor(coalesce(v.tooling, 0) * {{minor_scale}} / 1000000 + 1e-9 + 0.5) AS tooling,
    coalesce(i.pipeline, 0) AS pipeline, coalesce(i.won, 0) AS won, n.median_hours,
    coalesce(v.alerts, 0) AS alerts, coalesce(v.resolutions, 0) AS resolutions,
    coalesce(pp.reply_conversions, 0) AS reply_conversions, coalesce(pp.engagement, 0) AS engagement
  FROM (
    SELECT dt, period, level, kind, key FROM volumes
    UNION SELECT dt, period, level, kind, key FROM eligible
  ) AS k
  LEFT JOIN volumes AS v ON v.dt = k.dt AND v.period = k.period AND v.level = k.level
    AND v.kind IS NOT DISTINCT FROM k.kind AND v.key = k.key
  LEFT JOIN eligible AS e ON e.dt = k.dt AND e.period = k.period AND e.level = k.level
    AND e.kind IS NOT DISTINCT FROM k.kind AND e.key = k.key
  LEFT JOIN people AS pp ON pp.dt = k.dt AND pp.period = k.period AND pp.level = k.level
    AND pp.kind IS NOT DISTINCT FROM k.kind AND pp.key = k.key
  LEFT JOIN money AS m ON m.dt = k.dt AND m.period = k.period AND m.level = k.level
    AND m.kind IS NOT DISTINCT FROM k.kind AND m.key = k.key
  LEFT JOIN influenced AS i ON i.dt = k.dt AND i.period = k.period AND i.level = k.level
    AND i.kind IS NOT DISTINCT FROM k.kind AND i.key = k.key
  LEFT JOIN next_step_hours AS n ON n.dt = k.dt AND n.period = k.period AND n.level = k.level
    AND n.kind IS NOT DISTINCT FROM k.kind AND n.key = k.key
),
ranked AS (
  SELECT r.*, fee + platform + labor + tooling AS cost,
    CASE WHEN level IN ('campaign', 'flow') THEN row_number() OVER (
      PARTITION BY dt, period, level IN ('campaign', 'flow'), kind, category
      ORDER BY CASE WHEN recipients > 0 THEN 0 ELSE 1 END,
        CASE WHEN recipients > 0 THEN (profit - (fee + platform + labor + tooling)) / CAST(recipients AS DOUBLE) END DESC,
        key
    ) END AS rank_in_category
  FROM group_rows AS r
),
scored AS (
  SELECT r.*, level AS row_level, parent_key AS row_parent_key, rank_in_category AS row_rank FROM ranked AS r
  UNION ALL
  SELECT r.*, 'two_way', key, CAST(NULL AS BIGINT) FROM ranked AS r
  WHERE level IN ('campaign', 'flow') AND repliers > 0
)
SELECT
  s.period,
  CAST(coalesce(p.period_start, f.day) AS DATE) AS period_start,
  s.row_level AS level,
  s.kind,
  s.key,
  s.row_parent_key AS parent_key,
  s.category,
  s.program_id,
  CAST(CASE WHEN s.level IN ('campaign', 'flow', 'step', 'category', 'variant') THEN coalesce(s.eligible, 0) END AS INTEGER) AS eligible,
  CAST(CASE WHEN s.level IN ('campaign', 'flow', 'step', 'category', 'variant') THEN coalesce(s.suppressed, 0) END AS INTEGER) AS suppressed,
  CAST(s.sends AS INTEGER) AS sends,
  CAST(s.recipients AS INTEGER) AS recipients,
  CAST(s.segments AS INTEGER) AS segments,
  CAST(s.delivered AS INTEGER) AS delivered,
  CASE WHEN s.sends > 0 THEN CAST(s.delivered AS DOUBLE) / s.sends END AS delivery_rate,
  CAST(s.clickers AS INTEGER) AS unique_clickers,
  CASE WHEN s.recipients > 0 THEN CAST(s.clickers AS DOUBLE) / s.recipients END AS ctr,
  CAST(s.repliers AS INTEGER) AS repliers,
  CASE WHEN s.recipients > 0 THEN CAST(s.repliers AS DOUBLE) / s.recipients END AS reply_rate,
  CAST(s.opt_outs AS INTEGER) AS opt_outs,
  CASE WHEN s.recipients > 0 THEN CAST(s.opt_outs AS DOUBLE) / s.recipients END AS opt_out_rate,
  CAST(s.complaints AS INTEGER) AS complaints,
  CAST(s.conversions AS INTEGER) AS conversions,
  CAST(s.converters AS INTEGER) AS converters,
  CASE WHEN s.recipients > 0 THEN CAST(s.converters AS DOUBLE) / s.recipients END AS conversion_rate,
  CAST(s.revenue AS BIGINT) AS revenue_minor,
  CASE WHEN s.recipients > 0 THEN CAST(s.revenue AS DOUBLE) / s.recipients END AS revenue_per_recipient_minor,
  CAST(s.profit AS BIGINT) AS profit_minor,
  CASE WHEN s.recipients > 0 THEN CAST(s.profit AS DOUBLE) / s.recipients END AS profit_per_recipient_minor,
  CAST(s.incentive AS BIGINT) AS incentive_cost_minor,
  CAST(s.fee AS BIGINT) AS message_fees_minor,
  CAST(s.platform AS BIGINT) AS platform_cost_minor,
  CAST(s.labor AS BIGINT) AS labor_cost_minor,
  CAST(s.tooling AS BIGINT) AS tooling_cost_minor,
  CAST(s.cost AS BIGINT) AS cost_minor,
  CASE WHEN s.conversions > 0 THEN CAST(s.cost AS DOUBLE) / s.conversions END AS cost_per_outcome_minor,
  CAST(s.pipeline AS BIGINT) AS pipeline_influenced_minor,
  CAST(s.won AS BIGINT) AS revenue_influenced_minor,
  CASE WHEN s.cost > 0 THEN CAST(s.profit - s.cost AS DOUBLE) / s.cost END AS roi_attributed,
  s.median_hours AS median_hours_to_next_step,
  CAST(s.alerts AS INTEGER) AS reply_alerts,
  CAST(s.resolutions AS INTEGER) AS reply_resolutions,
  CASE WHEN s.alerts > 0 THEN CAST(s.resolutions AS DOUBLE) / s.alerts END AS reply_to_resolution_rate,
  CAST(s.reply_conversions AS INTEGER) AS reply_conversions,
  CASE WHEN s.repliers > 0 THEN CAST(s.reply_conversions AS DOUBLE) / s.repliers END AS reply_to_conversion_rate,
  CASE WHEN s.recipients > 0 THEN CAST(s.engagement AS DOUBLE) / s.recipients END AS engagement_score,
  CAST(s.row_rank AS INTEGER) AS rank_in_category,
  '{{currency}}' AS currency,
  '{{model}}' AS attribution_model,
  '{{definitions_version}}' AS definitions_version,
  s.dt
FROM scored AS s
JOIN periods AS p ON p.dt = s.dt AND p.period = s.period
CROSS JOIN first_day AS f
`,
};
