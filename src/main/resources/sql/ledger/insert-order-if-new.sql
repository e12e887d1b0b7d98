-- PostgreSQL: the first fact of a new order inserts its row in one round trip; when the order has a row (or another
-- transaction is inserting it: the insert waits for that one to end), nothing is inserted and the order is locked.
insert into ledger_order (provider, merchant, order_no, merchant_id, provider_trade_id, status, amount_value, currency,
                          method, card_bin6, card_last4, card_brand, card_expiry, auth_code, created_by_hub,
                          last_event_id, created_at, updated_at)
values (:provider, :merchant, :orderNo, :merchantId, :providerTradeId, :status, :amountValue, :currency,
        :method, :cardBin6, :cardLast4, :cardBrand, :cardExpiry, :authCode, :createdByHub,
        :eventId, :now, :now)
on conflict (provider, merchant, order_no) do nothing
