-- PostgreSQL: a fact that moves a known (locked) order forward, in one round trip — its journal row, the order's new
-- state (as advance-order) and the fact's outbox row. The order keeps the amount it was created with: later facts
-- carry what was captured or refunded. Values selected rather than inserted directly are cast to their column's type,
-- so that a null parameter is not taken for text.
with journal as (
    insert into ledger_journal (fact_key, event_id, event_type, provider, merchant, subject, status, amount_value,
                                currency, source, outcome, occurred_at, received_at, recorded_at, event_json,
                                raw_payload, issued_by)
    values (:factKey, :eventId, :eventType, :provider, :merchant, :subject, :status, :amountValue,
            :currency, :source, :outcome, :occurredAt, :receivedAt, :recordedAt, :eventJson, :rawPayload, :issuedBy)
    returning id
), moved as (
    update ledger_order
       set status            = :status,
           merchant_id       = coalesce(:merchantId, merchant_id),
           provider_trade_id = coalesce(:providerTradeId, provider_trade_id),
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
)
insert into outbox (event_id, event_type, journal_id, sequence_key, status, attempts, failures, next_attempt_at,
                    created_at)
select cast(:eventId as varchar), cast(:eventType as varchar), journal.id, cast(:sequenceKey as varchar), 'PENDING',
       0, 0, cast(:now as timestamptz), cast(:now as timestamptz)
  from journal
