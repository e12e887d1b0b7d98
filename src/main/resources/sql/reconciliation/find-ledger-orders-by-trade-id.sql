select order_no, provider_trade_id, merchant_id, status, amount_value, currency
  from ledger_order
 where provider = :provider and merchant = :merchant and provider_trade_id in (:keys)
