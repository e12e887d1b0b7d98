-- PostgreSQL: one statement per chunk, each key looked up in the index (an array, not an IN list of parameters)
select order_no, provider_trade_id, merchant_id, status, amount_value, currency
  from ledger_order
 where provider = ? and merchant = ? and provider_trade_id = any (?)
