select id, run_id, kind, order_no, provider_trade_id, gateway_status, gateway_amount, gateway_currency, gateway_time,
       provider_status, ledger_status, ledger_amount, ledger_currency, repair_outcome, repair_event_id, resolved_at,
       resolved_by, resolution_note
  from reconciliation_item
 where id = :id and run_id = :runId
