-- PostgreSQL: a fact's journal row and its outbox row in one round trip.
with journal as (
    -- include: ledger/insert-journal
    returning id
)
-- include: ledger/queue-journalled-fact-postgres
