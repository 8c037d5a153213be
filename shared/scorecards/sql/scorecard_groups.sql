-- Step 2: which groups each message of each period belongs to (shared/scorecards/aggregate.ts,
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
