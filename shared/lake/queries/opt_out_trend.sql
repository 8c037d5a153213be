-- name: Opt-out trend
-- description: Opt-outs and opt-ins per day and channel from the consent ledger, by the day the contact changed consent (UTC), not the day it arrived. Opt-outs are split by how they were expressed (keyword like STOP, plain language like "please stop texting me", anything else: carrier, CRM, form, API, email unsubscribe) and counted once more per distinct address.
SELECT
  CAST(occurred_at AS DATE) AS change_day,
  channel,
  COUNT(CASE WHEN status = 'opted_out' THEN 1 END) AS opt_outs,
  COUNT(DISTINCT CASE WHEN status = 'opted_out' THEN address_hash END) AS addresses_opted_out,
  COUNT(CASE WHEN status = 'opted_out' AND method = 'keyword' THEN 1 END) AS keyword_opt_outs,
  COUNT(CASE WHEN status = 'opted_out' AND method = 'plain_language' THEN 1 END) AS plain_language_opt_outs,
  COUNT(CASE WHEN status = 'opted_out' AND method NOT IN ('keyword', 'plain_language') THEN 1 END) AS other_opt_outs,
  COUNT(CASE WHEN status = 'opted_in' THEN 1 END) AS opt_ins
FROM consent_ledger
GROUP BY 1, 2
ORDER BY 1, 2
