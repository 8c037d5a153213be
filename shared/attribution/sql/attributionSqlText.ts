// Generated from the .sql files beside it by `npx tsx shared/sql/writeSqlModules.ts`: do not
// edit. test/unit/attributionJob/sqlModule.test.ts fails while it differs from them.
export const ATTRIBUTION_SQL_TEXT: Readonly<Record<string, string>> = {
  'attribution_base.sql': `-- The attribution of shared/attribution/RULES.md over the lake's \`events\` table, in the SQL
-- that Athena (Trino) and DuckDB share: the SQL twin of the TypeScript core and of the job's
-- mapping from events (shared/attribution/job/lakeInputs.ts). These are the common CTEs;
-- attribution_credits.sql and pipeline_outcomes.sql each end them with their table's SELECT.
--
-- Dialect notes:
-- * Integer \`/\` is integer division, as in Trino (DuckDB runs with SET integer_division = true);
--   every fractional division casts to DOUBLE first.
-- * json_extract_scalar is Trino's; DuckDB gets a macro of that name (attributionSql.ts).
-- * Times are compared as integer epoch milliseconds: date_diff('millisecond', epoch, ts).
-- * Canonical touch order everywhere: at_ms, then touch_event_id.
-- Names in double braces are filled by attributionSql.ts from the run's plan and rules.
history AS (
  SELECT event_id, type, source, contact_id, account_id, phone_hash, email_hash, channel, program_id,
    kind, campaign_id, workflow_id, step, message_id, amount_minor, currency, attributes, occurred_at, dt,
    date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', occurred_at) AS at_ms
  FROM events
  WHERE dt <= '{{scan_to_dt}}'
),
windows AS (
  SELECT * FROM (VALUES {{windows}}) AS w (outcome_type, send_ms, click_ms, reply_ms)
),
models AS (
  SELECT * FROM (VALUES {{models}}) AS m (model, model_order)
),
-- Identity: the latest crm.contact.upserted (time, then event id) that names a phone hash,
-- email hash or account decides it.
upserts AS (
  SELECT event_id, at_ms, contact_id, account_id, phone_hash, email_hash
  FROM history
  WHERE type = 'crm.contact.upserted' AND contact_id IS NOT NULL
),
phone_contacts AS (
  SELECT phone_hash, contact_id FROM (
    SELECT phone_hash, contact_id,
      row_number() OVER (PARTITION BY phone_hash ORDER BY at_ms DESC, event_id DESC) AS recency
    FROM upserts WHERE phone_hash IS NOT NULL
  ) AS p WHERE recency = 1
),
email_contacts AS (
  SELECT email_hash, contact_id FROM (
    SELECT email_hash, contact_id,
      row_number() OVER (PARTITION BY email_hash ORDER BY at_ms DESC, event_id DESC) AS recency
    FROM upserts WHERE email_hash IS NOT NULL
  ) AS e WHERE recency = 1
),
contact_accounts AS (
  SELECT contact_id, account_id FROM (
    SELECT contact_id, account_id,
      row_number() OVER (PARTITION BY contact_id ORDER BY at_ms DESC, event_id DESC) AS recency
    FROM upserts WHERE account_id IS NOT NULL
  ) AS a WHERE recency = 1
),
identified AS (
  SELECT h.*, coalesce(h.contact_id, pc.contact_id, ec.contact_id) AS resolved_contact_id
  FROM history AS h
  LEFT JOIN phone_contacts AS pc ON pc.phone_hash = h.phone_hash
  LEFT JOIN email_contacts AS ec ON ec.email_hash = h.email_hash
  WHERE h.type IN ('lead.qualified', 'meeting.booked', 'meeting.attended', 'opportunity.created',
      'opportunity.stage_changed', 'opportunity.closed', 'order.placed', 'subscription.renewed',
      'subscription.expanded', 'message.delivered', 'email.delivered', 'message.clicked',
      'email.clicked', 'message.received')
),
-- W-shaped milestones: a contact's first lead qualification, an opportunity's first creation.
lead_firsts AS (
  SELECT resolved_contact_id AS contact_id, min(at_ms) AS lead_ms, min(occurred_at) AS lead_at
  FROM identified
  WHERE type = 'lead.qualified' AND resolved_contact_id IS NOT NULL
  GROUP BY resolved_contact_id
),
opportunity_firsts AS (
  SELECT source, opportunity_id, min(at_ms) AS created_ms, min(occurred_at) AS created_at FROM (
    SELECT source, json_extract_scalar(attributes, '$.opportunityId') AS opportunity_id, at_ms, occurred_at
    FROM history WHERE type = 'opportunity.created'
  ) AS o
  WHERE opportunity_id IS NOT NULL
  GROUP BY source, opportunity_id
),
outcome_events AS (
  SELECT event_id AS outcome_id, type AS event_type, source, occurred_at, at_ms, resolved_contact_id AS contact_id,
    account_id AS own_account_id,
    CASE type
      WHEN 'lead.qualified' THEN 'lead_qualified'
      WHEN 'meeting.booked' THEN 'meeting_booked'
      WHEN 'meeting.attended' THEN 'meeting_attended'
      WHEN 'opportunity.created' THEN 'opportunity_created'
      WHEN 'opportunity.stage_changed' THEN 'stage_changed'
      WHEN 'opportunity.closed' THEN 'closed_won'
      WHEN 'order.placed' THEN 'order'
      WHEN 'subscription.renewed' THEN 'renewal'
      WHEN 'subscription.expanded' THEN 'expansion'
    END AS outcome_type,
    json_extract_scalar(attributes, '$.opportunityId') AS opportunity_id,
    json_extract_scalar(attributes, '$.fromStage') AS from_stage,
    coalesce(json_extract_scalar(attributes, '$.toStage'), json_extract_scalar(attributes, '$.stage')) AS to_stage,
    CASE WHEN type = 'subscription.expanded'
      THEN CAST(json_extract_scalar(attributes, '$.deltaArrMinor') AS BIGINT)
      ELSE amount_minor END AS raw_amount,
    coalesce(currency, json_extract_scalar(attributes, '$.currency')) AS raw_currency
  FROM identified
  WHERE dt >= '{{outcome_from_dt}}' AND at_ms >= {{from_ms}} AND at_ms < {{to_ms}}
    AND type IN ('lead.qualified', 'meeting.booked', 'meeting.attended', 'opportunity.created',
      'opportunity.stage_changed', 'opportunity.closed', 'order.placed', 'subscription.renewed',
      'subscription.expanded')
    AND (type <> 'opportunity.closed' OR coalesce(json_extract_scalar(attributes, '$.outcome'), '') = 'won')
),
outcomes AS (
  SELECT o.outcome_id, o.outcome_type, o.event_type, o.source, o.occurred_at, o.at_ms, o.contact_id,
    coalesce(o.own_account_id, ca.account_id) AS account_id,
    CASE WHEN o.outcome_type IN ('opportunity_created', 'stage_changed', 'closed_won', 'renewal', 'expansion')
      THEN 'account' ELSE 'contact' END AS level,
    o.opportunity_id, o.from_stage, o.to_stage,
    CASE WHEN o.raw_currency IS NULL THEN NULL ELSE o.raw_amount END AS amount_minor,
    CASE WHEN o.raw_currency IS NULL OR o.raw_amount IS NULL THEN NULL ELSE o.raw_currency END AS currency,
    CASE WHEN lf.lead_ms <= o.at_ms THEN lf.lead_ms END AS lead_ms,
    CASE WHEN lf.lead_ms <= o.at_ms THEN lf.lead_at END AS lead_at,
    -- The opportunity's creation: the outcome itself for opportunity_created.
    CASE WHEN o.outcome_type = 'opportunity_created' THEN o.at_ms
      WHEN opp.created_ms <= o.at_ms THEN opp.created_ms END AS created_ms,
    CASE WHEN o.outcome_type = 'opportunity_created' THEN o.occurred_at
      WHEN opp.created_ms <= o.at_ms THEN opp.created_at END AS created_at
  FROM outcome_events AS o
  LEFT JOIN contact_accounts AS ca ON ca.contact_id = o.contact_id
  LEFT JOIN lead_firsts AS lf ON lf.contact_id = o.contact_id
  LEFT JOIN opportunity_firsts AS opp ON opp.source = o.source AND opp.opportunity_id = o.opportunity_id
),
-- Account-level outcomes with an account take the account's touches; every other one its contact's.
scoped AS (
  SELECT o.*,
    CASE WHEN o.level = 'account' AND o.account_id IS NOT NULL THEN 'account' ELSE 'contact' END AS scope
  FROM outcomes AS o
),
-- The earliest touch any outcome can use: its windows, or the sourcing window of its opportunity.
horizon AS (
  SELECT least({{from_ms}} - {{lookback_ms}}, coalesce(min(created_ms), {{from_ms}}) - {{sourcing_ms}}) AS from_ms
  FROM outcomes
),
touches AS (
  SELECT i.event_id AS touch_event_id, i.at_ms, i.occurred_at AS touch_at,
    CASE WHEN i.type IN ('message.delivered', 'email.delivered') THEN 'send'
      WHEN i.type IN ('message.clicked', 'email.clicked') THEN 'click'
      ELSE 'reply' END AS touch_kind,
    i.resolved_contact_id AS contact_id,
    coalesce(i.account_id, ca.account_id) AS account_id,
    i.channel, i.program_id, i.kind, i.campaign_id, i.workflow_id, i.step, i.message_id
  FROM identified AS i
  LEFT JOIN contact_accounts AS ca ON ca.contact_id = i.resolved_contact_id
  WHERE i.type IN ('message.delivered', 'email.delivered', 'message.clicked', 'email.clicked', 'message.received')
    AND i.at_ms >= (SELECT from_ms FROM horizon)
    AND NOT (i.type IN ('message.clicked', 'email.clicked')
      AND coalesce(json_extract_scalar(i.attributes, '$.bot'), 'false') = 'true')
    AND (i.resolved_contact_id IS NOT NULL OR i.account_id IS NOT NULL)
),
-- 1. Candidates: touches of the outcome's scope inside the window of their kind, both ends included.
candidates AS (
  SELECT o.outcome_id, t.*
  FROM scoped AS o
  JOIN windows AS w ON w.outcome_type = o.outcome_type
  JOIN touches AS t ON t.account_id = o.account_id
  WHERE o.scope = 'account' AND t.at_ms <= o.at_ms
    AND t.at_ms >= o.at_ms - CASE t.touch_kind WHEN 'send' THEN w.send_ms WHEN 'click' THEN w.click_ms ELSE w.reply_ms END
  UNION ALL
  SELECT o.outcome_id, t.*
  FROM scoped AS o
  JOIN windows AS w ON w.outcome_type = o.outcome_type
  JOIN touches AS t ON t.contact_id = o.contact_id
  WHERE o.scope = 'contact' AND t.at_ms <= o.at_ms
    AND t.at_ms >= o.at_ms - CASE t.touch_kind WHEN 'send' THEN w.send_ms WHEN 'click' THEN w.click_ms ELSE w.reply_ms END
),
-- 2.1 Repeated clicks on one message (of one contact) count once: the first.
click_ranked AS (
  SELECT c.*,
    CASE WHEN {{first_click_per_message}} AND c.touch_kind = 'click' AND c.message_id IS NOT NULL
      THEN row_number() OVER (PARTITION BY c.outcome_id, c.touch_kind, c.contact_id, c.message_id
        ORDER BY c.at_ms, c.touch_event_id)
      ELSE 1 END AS click_seq
  FROM candidates AS c
),
-- 2.2 A campaign (or workflow step) touch counts only if the previous candidate of its campaign
-- is at least the gap earlier.
campaign_lagged AS (
  SELECT c.*,
    lag(c.at_ms) OVER (PARTITION BY c.outcome_id, c.campaign_id,
        CASE WHEN c.campaign_id IS NULL THEN c.workflow_id END,
        CASE WHEN c.campaign_id IS NULL THEN coalesce(c.step, -1) END
      ORDER BY c.at_ms, c.touch_event_id) AS previous_ms
  FROM click_ranked AS c
  WHERE c.click_seq = 1
),
eligible AS (
  SELECT c.* FROM campaign_lagged AS c
  WHERE {{campaign_gap_ms}} = 0 OR (c.campaign_id IS NULL AND c.workflow_id IS NULL)
    OR c.previous_ms IS NULL OR c.at_ms - c.previous_ms >= {{campaign_gap_ms}}
),
eligible_counts AS (
  SELECT outcome_id, count(*) AS n FROM eligible GROUP BY outcome_id
),
-- 3. Models: integer weights num, den = sum(num), credit = num / den.
ordered AS (
  SELECT e.*,
    row_number() OVER (PARTITION BY e.outcome_id ORDER BY e.at_ms, e.touch_event_id) AS i,
    count(*) OVER (PARTITION BY e.outcome_id) AS n,
    max(e.at_ms) OVER (PARTITION BY e.outcome_id) AS newest_ms
  FROM eligible AS e
),
roles AS (
  SELECT d.*, o.amount_minor, o.currency, o.outcome_type, o.occurred_at AS outcome_at,
    max(CASE WHEN d.at_ms <= o.lead_ms THEN d.i END) OVER (PARTITION BY d.outcome_id) AS lead_i,
    max(CASE WHEN d.at_ms <= o.created_ms THEN d.i END) OVER (PARTITION BY d.outcome_id) AS opportunity_i
  FROM ordered AS d
  JOIN outcomes AS o ON o.outcome_id = d.outcome_id
),
role_percents AS (
  SELECT r.*,
    (CASE WHEN r.i = 1 THEN {{w_first}} ELSE 0 END)
      + (CASE WHEN r.i = r.lead_i THEN {{w_lead}} ELSE 0 END)
      + (CASE WHEN r.i = r.opportunity_i THEN {{w_opportunity}} ELSE 0 END) AS role_percent
  FROM roles AS r
),
role_counts AS (
  SELECT r.*, sum(CASE WHEN r.role_percent = 0 THEN 1 ELSE 0 END) OVER (PARTITION BY r.outcome_id) AS others
  FROM role_percents AS r
),
weights AS (
  SELECT r.*, m.model, m.model_order,
    CASE m.model
      WHEN 'first_touch' THEN CAST(CASE WHEN r.i = 1 THEN 1 ELSE 0 END AS BIGINT)
      WHEN 'last_touch' THEN CAST(CASE WHEN r.i = r.n THEN 1 ELSE 0 END AS BIGINT)
      WHEN 'linear' THEN CAST(1 AS BIGINT)
      WHEN 'time_decay' THEN CAST(greatest(1, floor({{time_decay_scale}}
        * power(2, -CAST(r.newest_ms - r.at_ms AS DOUBLE) / {{half_life_ms}}) + 0.5)) AS BIGINT)
      WHEN 'position_based' THEN CAST(CASE
        WHEN r.n = 1 THEN 1
        WHEN r.n = 2 THEN CASE WHEN r.i = 1 THEN {{pb_first}} ELSE {{pb_last}} END
        WHEN r.i = 1 THEN {{pb_first}} * (r.n - 2)
        WHEN r.i = r.n THEN {{pb_last}} * (r.n - 2)
        ELSE {{pb_middle}} END AS BIGINT)
      WHEN 'w_shaped' THEN CAST(CASE
        WHEN r.others > 0 AND {{w_others}} > 0 THEN
          CASE WHEN r.role_percent > 0 THEN r.role_percent * r.others ELSE {{w_others}} END
        ELSE r.role_percent END AS BIGINT)
    END AS num
  FROM role_counts AS r
  CROSS JOIN models AS m
),
shares AS (
  SELECT w.*, CAST(sum(w.num) OVER (PARTITION BY w.outcome_id, w.model) AS BIGINT) AS den
  FROM weights AS w
),
-- 4. Amounts, exact: A = |amount| = a1 × den + a0, so floor(A × num / den) = a1 × num + floor(a0 × num / den)
-- with a0 × num < den × num: no 64-bit overflow for any outcome with fewer than 32 768 touches.
quotients AS (
  SELECT s.*,
    abs(s.amount_minor) AS total,
    (abs(s.amount_minor) / s.den) * s.num + ((abs(s.amount_minor) % s.den) * s.num) / s.den AS quotient,
    ((abs(s.amount_minor) % s.den) * s.num) % s.den AS remainder
  FROM shares AS s
  WHERE s.num > 0
),
-- The leftover units go to the largest remainders; equal remainders: the earlier touch.
allocated AS (
  SELECT q.*,
    q.total - CAST(sum(q.quotient) OVER (PARTITION BY q.outcome_id, q.model) AS BIGINT) AS leftover,
    row_number() OVER (PARTITION BY q.outcome_id, q.model ORDER BY q.remainder DESC, q.at_ms, q.touch_event_id)
      AS remainder_rank
  FROM quotients AS q
),
-- \`sourced\`: a touch of the scope (no dedupe) in the opportunity_created window ending at the creation.
sourcing_candidates AS (
  SELECT o.outcome_id, t.touch_event_id, t.at_ms
  FROM scoped AS o
  JOIN windows AS w ON w.outcome_type = 'opportunity_created'
  JOIN touches AS t ON t.account_id = o.account_id
  WHERE o.scope = 'account' AND o.created_ms IS NOT NULL AND t.at_ms <= o.created_ms
    AND t.at_ms >= o.created_ms - CASE t.touch_kind WHEN 'send' THEN w.send_ms WHEN 'click' THEN w.click_ms ELSE w.reply_ms END
  UNION ALL
  SELECT o.outcome_id, t.touch_event_id, t.at_ms
  FROM scoped AS o
  JOIN windows AS w ON w.outcome_type = 'opportunity_created'
  JOIN touches AS t ON t.contact_id = o.contact_id
  WHERE o.scope = 'contact' AND o.created_ms IS NOT NULL AND t.at_ms <= o.created_ms
    AND t.at_ms >= o.created_ms - CASE t.touch_kind WHEN 'send' THEN w.send_ms WHEN 'click' THEN w.click_ms ELSE w.reply_ms END
),
sourcing AS (
  SELECT outcome_id, touch_event_id FROM (
    SELECT s.*, row_number() OVER (PARTITION BY s.outcome_id ORDER BY s.at_ms, s.touch_event_id) AS seq
    FROM sourcing_candidates AS s
  ) AS f WHERE seq = 1
)
`,
  'attribution_credits.sql': `-- attribution_credits: one row per outcome x eligible touch x model with a positive weight.
-- Follows the CTEs of attribution_base.sql; columns in the registry's order, then dt (the
-- outcome's UTC day) last, as Athena's UNLOAD ... partitioned_by wants it.
SELECT
  a.outcome_id,
  a.outcome_type,
  a.outcome_at,
  a.touch_event_id,
  a.touch_at,
  a.touch_kind,
  a.channel,
  a.program_id,
  a.kind,
  a.campaign_id,
  a.workflow_id,
  CAST(a.step AS INTEGER) AS step,
  a.model,
  CAST(a.num AS DOUBLE) / CAST(a.den AS DOUBLE) AS credit,
  CASE
    WHEN a.amount_minor IS NULL THEN NULL
    WHEN a.amount_minor < 0 THEN -(a.quotient + CASE WHEN a.remainder_rank <= a.leftover THEN 1 ELSE 0 END)
    ELSE a.quotient + CASE WHEN a.remainder_rank <= a.leftover THEN 1 ELSE 0 END
  END AS credited_amount_minor,
  CASE WHEN a.amount_minor IS NULL THEN NULL ELSE a.currency END AS currency,
  '{{rules_version}}' AS rules_version,
  CAST(CAST(a.outcome_at AS DATE) AS VARCHAR) AS dt
FROM allocated AS a
`,
  'pipeline_outcomes.sql': `-- pipeline_outcomes: one row per outcome of the run's days, influenced or not.
-- Follows the CTEs of attribution_base.sql; columns in the registry's order, then dt last.
SELECT
  o.outcome_id,
  o.outcome_type,
  o.event_type AS source_event_type,
  o.source,
  o.occurred_at,
  o.contact_id,
  o.account_id,
  o.level,
  o.opportunity_id,
  o.from_stage,
  o.to_stage,
  o.amount_minor,
  o.currency,
  o.lead_at AS lead_created_at,
  o.created_at AS opportunity_created_at,
  coalesce(c.n, 0) > 0 AS influenced,
  CAST(coalesce(c.n, 0) AS INTEGER) AS eligible_touches,
  CASE WHEN o.created_ms IS NULL THEN NULL ELSE s.touch_event_id IS NOT NULL END AS sourced,
  s.touch_event_id AS sourcing_touch_event_id,
  '{{rules_version}}' AS rules_version,
  CAST(CAST(o.occurred_at AS DATE) AS VARCHAR) AS dt
FROM outcomes AS o
LEFT JOIN eligible_counts AS c ON c.outcome_id = o.outcome_id
LEFT JOIN sourcing AS s ON s.outcome_id = o.outcome_id
`,
};
