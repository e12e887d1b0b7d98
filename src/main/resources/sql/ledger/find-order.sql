select provider, merchant, order_no, merchant_id, provider_trade_id, status, amount_value, currency, method,
       card_bin6, card_last4, card_brand, card_expiry, auth_code, created_by_hub, last_event_id, created_at, updated_at
  from ledger_order
 where provider = :provider and merchant = :merchant and order_no = :orderNo
