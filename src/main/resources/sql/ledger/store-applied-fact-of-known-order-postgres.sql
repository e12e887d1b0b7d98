-- PostgreSQL: a fact that moves a known (locked) order forward, in one round trip — its journal row, the order's new
-- state and the fact's outbox row.
with journal as (
    -- include: ledger/insert-journal
    returning id
), moved as (
    -- include: ledger/advance-order
)
-- include: ledger/queue-journalled-fact-postgres
