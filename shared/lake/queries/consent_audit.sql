-- name: Consent audit for one address
-- description: Every consent change of one hashed phone number or email, oldest first, with its scope and evidence (method, keyword, length of the text the contact wrote, the event that is the evidence). current_state marks the latest change per channel and scope: the consent in force. Replace the <address_hash> placeholder before running.
-- param: address_hash: salted SHA-256 (hex) of the E.164 phone number or trimmed lower-cased email, as the lake export hashes it (the phone_hash or email_hash of the contact's events)
SELECT
  occurred_at,
  channel,
  status,
  scope_kind,
  scope_value,
  method,
  keyword,
  evidence_text_length,
  source_event_id,
  event_id,
  dt AS received_day,
  ROW_NUMBER() OVER (
    PARTITION BY channel, scope_kind, scope_value
    ORDER BY occurred_at DESC, event_id DESC
  ) = 1 AS current_state
FROM consent_ledger
WHERE address_hash = '<address_hash>'
ORDER BY occurred_at, event_id
