select id, event_id, event_type, status, amount_value, currency, source, outcome, occurred_at, received_at,
       recorded_at, issued_by, event_json
  from ledger_journal
 where provider = :provider and merchant = :merchant and subject = :subject
 order by id
