-- PostgreSQL: the first fact of an order the ledger has no row of, in one round trip — the order's row, the fact's
-- journal row and its outbox row; or nothing at all when the order has a row (or another transaction is inserting it:
-- the order insert waits for that one to end), and the fact takes the path of a known order. Reports one row (the
-- outbox row) when the order was new. The journal's values are selected (from the new order's row, so that there is
-- none when the order has a row), cast to their column's type, so that a null parameter is not taken for text.
with new_order as (
    -- include: ledger/insert-order
    on conflict (provider, merchant, order_no) do nothing
    returning order_no
), journal as (
    insert into ledger_journal (fact_key, event_id, event_type, provider, merchant, subject, status, amount_value,
                                currency, source, outcome, occurred_at, received_at, recorded_at, event_json,
                                raw_payload, issued_by)
    select cast(:factKey as varchar), cast(:eventId as varchar), cast(:eventType as varchar),
           cast(:provider as varchar), cast(:merchant as varchar), cast(:subject as varchar),
           cast(:status as varchar), cast(:amountValue as numeric), cast(:currency as varchar),
           cast(:source as varchar), cast(:outcome as varchar), cast(:occurredAt as timestamptz),
           cast(:receivedAt as timestamptz), cast(:recordedAt as timestamptz), cast(:eventJson as text),
           cast(:rawPayload as text), cast(:issuedBy as varchar)
      from new_order
    returning id
)
-- include: ledger/queue-journalled-fact-postgres
