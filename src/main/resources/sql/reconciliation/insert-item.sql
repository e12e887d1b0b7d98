insert into reconciliation_item (run_id, kind, order_no, provider_trade_id, gateway_status, gateway_amount,
                                 gateway_currency, gateway_time, provider_status, ledger_status, ledger_amount,
                                 ledger_currency, repair_outcome, repair_event_id)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
