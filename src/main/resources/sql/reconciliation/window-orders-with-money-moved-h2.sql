-- H2: the window's orders with money moved, in the creation-time index's order, each with its row id; the run keeps
-- the ones its items did not name (MISSING_AT_GATEWAY)
select _rowid_ as row_id, order_no, provider_trade_id, status, amount_value, currency
  from ledger_order
 where provider = :provider and merchant = :merchant
   and created_at >= :windowStart and created_at < :windowEnd
   and status not in ('PENDING', 'FAILED')
