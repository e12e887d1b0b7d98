-- H2: the run's order numbers are gathered once (NOT IN over a query that does not depend on the order), not looked
-- up per order; none of them is null, so NOT IN is the anti-join
insert into reconciliation_item (run_id, kind, order_no, provider_trade_id, ledger_status, ledger_amount,
                                 ledger_currency)
select :runId, 'MISSING_AT_GATEWAY', o.order_no, o.provider_trade_id, o.status, o.amount_value, o.currency
  from ledger_order o
 where o.provider = :provider and o.merchant = :merchant
   and o.created_at >= :windowStart and o.created_at < :windowEnd
   and o.status not in ('PENDING', 'FAILED')
   and o.order_no not in (select i.order_no from reconciliation_item i
                           where i.run_id = :runId and i.order_no is not null)
