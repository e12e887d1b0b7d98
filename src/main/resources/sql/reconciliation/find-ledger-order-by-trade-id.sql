select order_no, provider_trade_id, merchant_id, status, amount_value, currency
  from ledger_order
 where provider = ? and merchant = ? and provider_trade_id = ?
