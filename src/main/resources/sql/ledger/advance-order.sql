update ledger_order
   set status            = :status,
       merchant_id       = coalesce(:merchantId, merchant_id),
       provider_trade_id = coalesce(:providerTradeId, provider_trade_id),
       -- the order keeps the amount it was created with: later facts carry what was captured or refunded
       amount_value      = coalesce(amount_value, :amountValue),
       currency          = coalesce(currency, :currency),
       method            = coalesce(:method, method),
       card_bin6         = coalesce(:cardBin6, card_bin6),
       card_last4        = coalesce(:cardLast4, card_last4),
       card_brand        = coalesce(:cardBrand, card_brand),
       card_expiry       = coalesce(:cardExpiry, card_expiry),
       auth_code         = coalesce(:authCode, auth_code),
       last_event_id     = :eventId,
       updated_at        = :now
 where provider = :provider and merchant = :merchant and order_no = :orderNo
