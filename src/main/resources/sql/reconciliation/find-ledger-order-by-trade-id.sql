-- H2: one prepared point query per key, answered from the trade-id index alone (it holds these columns, and the row id
-- is its key); _rowid_ lets the run note which ledger rows its items named
select order_no, provider_trade_id, merchant_id, status, amount_value, currency, _rowid_ as row_id
  from ledger_order
 where provider = ? and merchant = ? and provider_trade_id = ?
