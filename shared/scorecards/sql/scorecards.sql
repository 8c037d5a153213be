-- Step 3: one scorecards row per day, period, level and key (aggregate.ts, toRow and
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
