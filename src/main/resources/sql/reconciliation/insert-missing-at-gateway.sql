-- PostgreSQL: a hash anti-join of the window's orders with the run's items
insert into reconciliation_item (run_id, kind, order_no, provider_trade_id, ledger_status, ledger_amount,
                                 ledger_currency)
select :runId, 'MISSING_AT_GATEWAY', o.order_no, o.provider_trade_id, o.status, o.amount_value, o.currency
  from ledger_order o
 where o.provider = :provider and o.merchant = :merchant
   and o.created_at >= :windowStart and o.created_at < :windowEnd
   and o.status not in ('PENDING', 'FAILED')
   and not exists (select 1 from reconciliation_item i where i.run_id = :runId and i.order_no = o.order_no)
