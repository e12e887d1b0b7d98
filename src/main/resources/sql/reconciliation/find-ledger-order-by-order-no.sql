-- H2: one prepared point query per key; _rowid_ lets the run note which ledger rows its items named
select order_no, provider_trade_id, merchant_id, status, amount_value, currency, _rowid_ as row_id
  from ledger_order
 where provider = ? and merchant = ? and order_no = ?
